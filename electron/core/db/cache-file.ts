import path from 'node:path';

/** Where the cache lives inside a data folder (the desktop app and the CLI share it). */
export function defaultCacheFile(dataDir: string): string {
  return path.join(dataDir, 'cache.db');
}
