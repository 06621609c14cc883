import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built console: beside the bundled CLI (out/main → out/renderer), or under out/ when the host
 * runs from source (tests, tsx).
 */
export function findRendererDir(moduleDir: string): string {
  const candidates = [join(moduleDir, '..', 'renderer'), join(moduleDir, '..', '..', 'out', 'renderer')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error('The console has not been built yet. Run `npm run build` first.');
  return found;
}
