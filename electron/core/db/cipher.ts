import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Db } from './sqlite';

/** How the cache file is protected. The key comes from the face (safeStorage, env, or a key file). */
export type CacheKey = { kind: 'encrypted'; hexKey: string } | { kind: 'unencrypted' };

const HEX_KEY = /^[0-9a-f]{64}$/i;
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A raw 256-bit key as 64 hex characters. */
export function isHexKey(value: string): boolean {
  return HEX_KEY.test(value);
}

export function generateHexKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Applies the key before the first read. SQLCipher 4 settings so the standard sqlcipher tool opens
 * the file with the same key. The key is used as raw bytes (x'…', no passphrase derivation) and is
 * validated as hex first, so nothing from outside reaches the PRAGMA text.
 */
export function applyKey(db: Db, key: CacheKey): void {
  if (key.kind === 'unencrypted') return;
  if (!isHexKey(key.hexKey)) throw new Error('The cache key must be 64 hexadecimal characters.');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.hexKey.toLowerCase()}'"`);
}

/** True when the file starts like an ordinary (unencrypted) SQLite database. */
export function hasPlainSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(PLAIN_SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(PLAIN_SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
