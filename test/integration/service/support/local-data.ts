/**
 * Everything the console keeps locally, for before/after comparisons: every row of every table in
 * the cache (patients, appointments, notes, organizations and memberships, runs, changes, settings
 * kept there, …), and every file in the data and key folders by name and content hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Cache } from '../../../../electron/core/db';

export interface LocalData {
  tables: Record<string, unknown[]>;
  files: Record<string, string>;
}

function tableRows(cache: Cache): Record<string, unknown[]> {
  const names = cache.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  // Sorted by content: some tables have no rowid, and the order rows come back in is no data.
  const rows = (name: string) => (cache.db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
  return Object.fromEntries(names.map((name) => [name, rows(name)]));
}

/** Files by path relative to `root` and their SHA-256; the cache's own files are compared by their rows instead. */
function fileHashes(root: string, skip: (name: string) => boolean): Record<string, string> {
  // A folder that does not exist yet is recorded as such: creating it is a change too.
  if (!existsSync(root)) return { [root]: 'absent' };
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (!skip(entry)) out[path.relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
}

export function snapshotLocalData(cache: Cache, folders: string[], cacheFileName: string): LocalData {
  const isCacheFile = (name: string) => name.startsWith(cacheFileName);
  return {
    tables: tableRows(cache),
    files: Object.assign({}, ...folders.map((folder) => fileHashes(folder, isCacheFile))) as Record<string, string>,
  };
}
