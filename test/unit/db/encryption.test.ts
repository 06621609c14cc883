import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheOpenError, openCache, UNENCRYPTED_WARNING } from '../../../electron/core/db';
import { KEY, openTestCache, remotePatient, SOURCE, T0, tempDir } from './fixtures';

const OTHER_KEY = { kind: 'encrypted', hexKey: 'a7'.repeat(32) } as const;
const fileHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function cacheWithPatient(): string {
  const { cache, file } = openTestCache();
  cache.patients.upsertPage(SOURCE, [remotePatient('836447129235883061', { lastName: 'Featherstonehaugh' })], T0);
  cache.close();
  return file;
}

function openError(fn: () => unknown): CacheOpenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CacheOpenError) return error;
    throw error;
  }
  throw new Error('expected a CacheOpenError');
}

describe('encryption at rest', () => {
  it('keeps patient data unreadable in the file and readable with the key', () => {
    const file = cacheWithPatient();
    const bytes = readFileSync(file);

    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('Featherstonehaugh'))).toBe(false);

    const cache = openCache({ file, key: KEY });
    expect(cache.patients.getByRemoteId(SOURCE, '836447129235883061')?.lastName).toBe('Featherstonehaugh');
    cache.close();
  });

  it('reports a wrong key clearly and leaves the file untouched', () => {
    const file = cacheWithPatient();
    const before = fileHash(file);

    const error = openError(() => openCache({ file, key: OTHER_KEY }));

    expect(error.code).toBe('wrong_key');
    expect(error.message).toContain('could not be opened with this key');
    expect(fileHash(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const cache = openCache({ file, key: KEY });
    expect(cache.patients.count(SOURCE).total).toBe(1);
    cache.close();
  });

  it('reports a missing key for an encrypted file', () => {
    const file = cacheWithPatient();
    const before = fileHash(file);

    const error = openError(() => openCache({ file, key: { kind: 'unencrypted' } }));

    expect(error.code).toBe('key_required');
    expect(fileHash(file)).toBe(before);
  });

  it('runs unencrypted only when asked, with a warning, and will not then apply a key to it', () => {
    const dir = tempDir();
    const { file, notices, cache } = openTestCache({ dir, key: { kind: 'unencrypted' } });
    cache.close();

    expect(notices).toEqual([{ level: 'warn', message: UNENCRYPTED_WARNING }]);
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(openError(() => openCache({ file, key: KEY })).code).toBe('not_encrypted');
  });

  it('accepts only hex keys, so nothing else reaches the key pragma', () => {
    const file = path.join(tempDir(), 'cache.db');
    const injected = { kind: 'encrypted', hexKey: `${'0'.repeat(62)}'"; PRAGMA key='x` } as const;

    expect(() => openCache({ file, key: injected })).toThrow('64 hexadecimal characters');
  });
});
