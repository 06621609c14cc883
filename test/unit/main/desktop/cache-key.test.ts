import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFilePath } from '../../../../electron/core/db/cache-key';
import { DesktopStateStore } from '../../../../electron/main/desktop/desktop-state';
import { desktopCacheKeyFile, loadOrCreateSafeStorageCacheKey } from '../../../../electron/main/desktop/safe-storage-cache-key';
import { rememberedConsent, type WeakStorageConsent } from '../../../../electron/main/desktop/storage-backend';
import { FakeSafeStorage } from './fakes';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinicsync-cachekey-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const noConsent: WeakStorageConsent = { granted: () => false, request: async () => false };

function setup(safeStorage = new FakeSafeStorage(), consent: WeakStorageConsent = noConsent) {
  const root = tempDir();
  const dataDir = join(root, 'ClinicSync');
  const keyDir = join(root, 'keys');
  const file = desktopCacheKeyFile(keyDir, dataDir);
  const log: string[] = [];
  const load = () =>
    loadOrCreateSafeStorageCacheKey({ safeStorage, platform: 'linux', consent, dataDir, file, log: (line) => log.push(line) });
  return { root, dataDir, keyDir, file, safeStorage, load, log };
}

describe('cache encryption key kept with safeStorage', () => {
  it('generates a random 256-bit key once, stores only its ciphertext outside the data folder, then reuses it', async () => {
    const { file, keyDir, load, log } = setup();
    const first = await load();
    expect(first.origin).toBe('generated_safe_storage');
    if (first.key.kind !== 'encrypted') throw new Error('expected an encrypted key');
    expect(first.key.hexKey).toMatch(/^[0-9a-f]{64}$/);
    expect(file.startsWith(keyDir)).toBe(true);
    expect(file).toMatch(/cache-[0-9a-f]{16}\.safestorage\.json$/);

    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain(first.key.hexKey);
    expect(JSON.parse(written)).toMatchObject({ format: 'clinicsync-cache-key/1', backend: 'gnome_libsecret' });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const line of log) expect(line).not.toContain(first.key.hexKey);

    const second = await load();
    expect(second).toEqual({ key: first.key, origin: 'safe_storage' });
    const other = await setup().load();
    expect(other.key).not.toEqual(first.key);
  });

  it('never replaces a key it cannot decrypt (that would lock the cache for good)', async () => {
    const { file, load, safeStorage } = setup();
    await load();
    const before = readFileSync(file, 'utf8');
    safeStorage.failDecrypt = true;
    await expect(load()).rejects.toMatchObject({
      code: 'cache_key_unreadable',
      message: expect.stringMatching(/left the cache untouched/),
    });
    expect(readFileSync(file, 'utf8')).toBe(before);

    writeFileSync(file, 'garbage');
    await expect(load()).rejects.toMatchObject({ code: 'cache_key_unreadable' });
  });

  it('re-encrypts the key when the keychain rotated its own', async () => {
    const { file, load, safeStorage } = setup();
    const first = await load();
    safeStorage.rotate = true;
    expect((await load()).key).toEqual(first.key);
    const { encryptedKey } = JSON.parse(readFileSync(file, 'utf8'));
    expect(Buffer.from(encryptedKey, 'base64').subarray(0, 3).toString()).toBe('v11');
  });

  it('with basic_text, asks first and generates nothing without consent', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    const refused = setup(safeStorage);
    await expect(refused.load()).rejects.toMatchObject({ code: 'secret_storage_consent_required' });
    expect(safeStorage.encryptCalls).toBe(0);

    const agreed = setup(
      safeStorage,
      rememberedConsent(new DesktopStateStore(tempDir()), async () => true),
    );
    expect((await agreed.load()).origin).toBe('generated_safe_storage');
  });

  it('adopts the key the CLI made for the same data folder, so the existing cache still opens', async () => {
    const { keyDir, dataDir, file, safeStorage } = setup();
    const cliKey = 'ab'.repeat(32);
    mkdirSync(keyDir, { recursive: true });
    const cliFile = keyFilePath(keyDir, dataDir);
    writeFileSync(cliFile, `${cliKey}\n`, { mode: 0o600 });
    const load = () =>
      loadOrCreateSafeStorageCacheKey({ safeStorage, platform: 'linux', consent: noConsent, dataDir, file, adoptKeyFile: cliFile });
    expect(await load()).toEqual({ key: { kind: 'encrypted', hexKey: cliKey }, origin: 'adopted_key_file' });
    expect(readFileSync(file, 'utf8')).not.toContain(cliKey);
    expect(await load()).toEqual({ key: { kind: 'encrypted', hexKey: cliKey }, origin: 'safe_storage' });
  });

  it('refuses a key file inside the data folder', async () => {
    const root = tempDir();
    await expect(
      loadOrCreateSafeStorageCacheKey({
        safeStorage: new FakeSafeStorage(),
        platform: 'linux',
        consent: noConsent,
        dataDir: root,
        file: join(root, 'keys', 'cache.safestorage.json'),
      }),
    ).rejects.toMatchObject({ code: 'key_dir_inside_data' });
  });
});
