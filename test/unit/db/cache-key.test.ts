import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheOpenError, keyFilePath, resolveCacheKey, UNENCRYPTED_WARNING } from '../../../electron/core/db';
import { tempDir } from './fixtures';

const posix = process.platform !== 'win32';

function layout() {
  const root = tempDir();
  return { dataDir: path.join(root, 'data'), keyDir: path.join(root, 'keys') };
}

describe('resolveCacheKey', () => {
  it('uses CLINICSYNC_DB_KEY when set', () => {
    const { dataDir, keyDir } = layout();
    const hexKey = 'AB'.repeat(32);

    const resolved = resolveCacheKey({ dataDir, keyDir, env: { CLINICSYNC_DB_KEY: hexKey } });

    expect(resolved).toEqual({ key: { kind: 'encrypted', hexKey: hexKey.toLowerCase() }, origin: 'env' });
  });

  it('rejects a malformed CLINICSYNC_DB_KEY without echoing it', () => {
    const { dataDir, keyDir } = layout();
    const secret = 'my-secret-passphrase';

    let error: unknown;
    try {
      resolveCacheKey({ dataDir, keyDir, env: { CLINICSYNC_DB_KEY: secret } });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(CacheOpenError);
    expect((error as CacheOpenError).code).toBe('invalid_key');
    expect((error as CacheOpenError).message).not.toContain(secret);
  });

  it('generates an owner-only key file on first use and reuses it', () => {
    const { dataDir, keyDir } = layout();

    const first = resolveCacheKey({ dataDir, keyDir, env: {} });
    const second = resolveCacheKey({ dataDir, keyDir, env: {} });

    expect(first.origin).toBe('generated_key_file');
    expect(second.origin).toBe('key_file');
    expect(second.key).toEqual(first.key);
    const file = keyFilePath(keyDir, dataDir);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    }
  });

  it('keeps one key per data folder', () => {
    const { keyDir } = layout();
    const a = resolveCacheKey({ dataDir: path.join(keyDir, '..', 'one'), keyDir, env: {} });
    const b = resolveCacheKey({ dataDir: path.join(keyDir, '..', 'two'), keyDir, env: {} });

    expect(a.key).not.toEqual(b.key);
  });

  it.runIf(posix)('refuses a key file other users can read', () => {
    const { dataDir, keyDir } = layout();
    mkdirSync(keyDir, { recursive: true });
    const file = keyFilePath(keyDir, dataDir);
    writeFileSync(file, 'cd'.repeat(32));
    chmodSync(file, 0o644);

    expect(() => resolveCacheKey({ dataDir, keyDir, env: {} })).toThrow(/readable only by you/);
  });

  it('refuses to keep the key inside the data folder', () => {
    const { dataDir } = layout();

    expect(() => resolveCacheKey({ dataDir, keyDir: path.join(dataDir, 'keys'), env: {} })).toThrow(
      expect.objectContaining({ code: 'key_dir_inside_data' }),
    );
  });

  it('goes unencrypted only when asked, with a warning', () => {
    const { dataDir, keyDir } = layout();

    expect(resolveCacheKey({ dataDir, keyDir, env: { CLINICSYNC_DB_UNENCRYPTED: '1' } })).toEqual({
      key: { kind: 'unencrypted' },
      origin: 'unencrypted',
      warning: UNENCRYPTED_WARNING,
    });
    expect(resolveCacheKey({ dataDir, keyDir, env: {}, unencrypted: true }).key).toEqual({ kind: 'unencrypted' });
  });
});
