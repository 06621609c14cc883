import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheFile, openCache, type Cache } from '../../electron/core/db';
import { assertBuilt } from './run-cli';

export interface DirectCliCache {
  /** The CLI's environment: data folder, key folder and cache key (plus any extra variables). */
  env: NodeJS.ProcessEnv;
  /** The open cache, holding the Cliniko source "Northside" (id `north`); close it before running the CLI. */
  cache: Cache;
  remove(): void;
}

/**
 * A scratch data folder whose cache is filled directly (not by a sync), for tests of a CLI command
 * that only reads the cache.
 */
export function openDirectCliCache(label: string, extraEnv: NodeJS.ProcessEnv = {}): DirectCliCache {
  assertBuilt();
  const root = mkdtempSync(path.join(tmpdir(), `clinicsync-${label}-`));
  const env: NodeJS.ProcessEnv = {
    CLINICSYNC_DATA_DIR: path.join(root, 'data'),
    CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
    ...extraEnv,
  };
  const cache = openCache({
    file: defaultCacheFile(env.CLINICSYNC_DATA_DIR as string),
    key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY as string },
  });
  cache.sources.add(
    { id: 'north', kind: 'cliniko', name: 'Northside', baseUrl: null, credentialRef: 'source:north' },
    '2026-01-01T00:00:00Z',
  );
  return { env, cache, remove: () => rmSync(root, { recursive: true, force: true }) };
}
