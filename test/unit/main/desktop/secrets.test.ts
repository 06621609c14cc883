import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../../electron/core/errors';
import { DesktopStateStore } from '../../../../electron/main/desktop/desktop-state';
import { ElectronSettingsStore } from '../../../../electron/main/desktop/electron-settings-store';
import { SafeStorageSecretStore, SECRETS_FILE } from '../../../../electron/main/desktop/safe-storage-secret-store';
import { rememberedConsent, weakStorageWarning, type WeakStorageConsent } from '../../../../electron/main/desktop/storage-backend';
import { FakeSafeStorage } from './fakes';

const SECRET = 'MS0xMjM0NTY3ODkwLWFiY2RlZmdoaWprbG1ub3Bx-au1';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinicsync-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const neverAsked: WeakStorageConsent = {
  granted: () => false,
  request: async () => {
    throw new Error('consent should not be asked for');
  },
};

function store(options: { dir?: string; safeStorage?: FakeSafeStorage; consent?: WeakStorageConsent; platform?: NodeJS.Platform } = {}) {
  const dir = options.dir ?? tempDir();
  const safeStorage = options.safeStorage ?? new FakeSafeStorage();
  const log: string[] = [];
  const notices: string[] = [];
  const secrets = new SafeStorageSecretStore({
    safeStorage,
    platform: options.platform ?? 'linux',
    file: join(dir, SECRETS_FILE),
    consent: options.consent ?? neverAsked,
    onNotice: (message) => notices.push(message),
    log: (line) => log.push(line),
  });
  return { dir, safeStorage, secrets, log, notices };
}

/** Every file under `dir`, as text. */
function everythingWritten(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('API keys in safeStorage', () => {
  it('round-trips a key and keeps only base64 ciphertext on disk, readable by its owner alone', async () => {
    const { dir, secrets } = store();
    await secrets.set('source:cliniko-1', SECRET);
    expect(await secrets.get('source:cliniko-1')).toBe(SECRET);
    expect(await secrets.get('source:other')).toBeNull();

    const file = JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8'));
    expect(file.format).toBe('clinicsync-secrets/1');
    expect(file.backend).toBe('gnome_libsecret');
    expect(Buffer.from(file.secrets['source:cliniko-1'], 'base64').subarray(0, 3).toString()).toBe('v10');
    expect(everythingWritten(dir)).not.toContain(SECRET);
    if (process.platform !== 'win32') expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);

    await secrets.delete('source:cliniko-1');
    expect(await secrets.get('source:cliniko-1')).toBeNull();
  });

  it('never lets a secret reach the settings file or the log', async () => {
    const dir = tempDir();
    const notices: string[] = [];
    const settings = new ElectronSettingsStore({
      dataDir: dir,
      createStore: (options) => new Conf<Record<string, unknown>>({ ...options, configName: options.name }),
      onNotice: (message) => notices.push(message),
    });
    settings.write({ ...settings.read(), contactEmail: 'admin@clinic.example' });
    const { secrets, log, safeStorage } = store({ dir });
    await secrets.set('source:cliniko-1', SECRET);
    await secrets.get('source:cliniko-1');
    safeStorage.rotate = true;
    await secrets.get('source:cliniko-1');
    safeStorage.failDecrypt = true;
    await expect(secrets.get('source:cliniko-1')).rejects.toThrow(UserFacingError);
    await secrets.delete('source:cliniko-1');

    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(SECRET);
    expect(Object.keys(settings.read())).not.toContain('secrets');
    expect(everythingWritten(dir)).not.toContain(SECRET);
    expect(log.length).toBeGreaterThan(3);
    for (const line of [...log, ...notices]) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toMatch(/v1[01]/);
    }
  });

  it('errors from Electron are replaced by plain words that carry no secret', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.encryptStringAsync = async (plainText) => {
      throw new Error(`Encryption failed for ${plainText}`);
    };
    const { secrets } = store({ safeStorage });
    const error = await secrets.set('source:a', SECRET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('secret_storage_failed');
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String(error)).not.toContain(SECRET);
  });

  it('re-encrypts a key when the keychain says its key rotated', async () => {
    const { secrets, safeStorage, dir } = store();
    await secrets.set('source:a', SECRET);
    safeStorage.rotate = true;
    expect(await secrets.get('source:a')).toBe(SECRET);
    const stored = JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8')).secrets['source:a'];
    expect(Buffer.from(stored, 'base64').subarray(0, 3).toString()).toBe('v11');
  });

  it('says plainly when a key cannot be unlocked any more', async () => {
    const { secrets, safeStorage } = store();
    await secrets.set('source:a', SECRET);
    safeStorage.failDecrypt = true;
    await expect(secrets.get('source:a')).rejects.toMatchObject({
      code: 'secret_unreadable',
      message: expect.stringMatching(/Enter the key again/),
    });
  });

  it('refuses when the system offers no encryption at all', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const { secrets, dir } = store({ safeStorage });
    await expect(secrets.set('source:a', SECRET)).rejects.toMatchObject({ code: 'secret_storage_unavailable' });
    expect(existsSync(join(dir, SECRETS_FILE))).toBe(false);
  });

  it('keeps concurrent writes', async () => {
    const { secrets } = store();
    await Promise.all(['a', 'b', 'c', 'd'].map((ref) => secrets.set(`source:${ref}`, `${SECRET}-${ref}`)));
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((ref) => secrets.get(`source:${ref}`)))).toEqual(
      ['a', 'b', 'c', 'd'].map((ref) => `${SECRET}-${ref}`),
    );
  });

  it('sets an unreadable secrets file aside with a notice', async () => {
    const { dir, secrets, notices } = store();
    writeFileSync(join(dir, SECRETS_FILE), '{"format": "something else"}');
    expect(await secrets.get('source:a')).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read.*Enter the API keys/);
    expect(readdirSync(dir).some((name) => name.startsWith(`${SECRETS_FILE}.invalid-`))).toBe(true);
  });

  it('rejects odd references and empty keys', async () => {
    const { secrets } = store();
    await expect(secrets.set('../etc/passwd', SECRET)).rejects.toMatchObject({ code: 'invalid_secret_ref' });
    await expect(secrets.set('__proto__ x', SECRET)).rejects.toMatchObject({ code: 'invalid_secret_ref' });
    await expect(secrets.set('source:a', '')).rejects.toMatchObject({ code: 'invalid_secret' });
  });
});

describe('Linux basic_text store: consent first', () => {
  for (const backend of ['basic_text', 'unknown']) {
    it(`refuses to store with ${backend} until the user agrees, with a clear warning`, async () => {
      const dir = tempDir();
      const safeStorage = new FakeSafeStorage();
      safeStorage.backend = backend;
      const state = new DesktopStateStore(dir);
      const asked: string[] = [];
      let answer = false;
      const consent = rememberedConsent(state, async (warning) => {
        asked.push(warning);
        return answer;
      });
      const { secrets } = store({ dir, safeStorage, consent });

      const refused = await secrets.set('source:a', SECRET).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'secret_storage_consent_required', message: weakStorageWarning(backend) });
      expect(asked).toEqual([weakStorageWarning(backend)]);
      expect(existsSync(join(dir, SECRETS_FILE))).toBe(false);
      expect(safeStorage.encryptCalls).toBe(0);

      answer = true;
      await secrets.set('source:a', SECRET);
      expect(await secrets.get('source:a')).toBe(SECRET);
      expect(secrets.description).toMatch(backend === 'basic_text' ? /fixed, publicly known password/ : /could not identify/);

      // Remembered: a later launch does not ask again.
      const again = store({ dir, safeStorage, consent: rememberedConsent(new DesktopStateStore(dir), null) });
      await again.secrets.set('source:b', SECRET);
      expect(asked).toHaveLength(2);
    });
  }

  it('the warning says what is at risk and how to fix it', () => {
    const warning = weakStorageWarning('basic_text');
    expect(warning).toMatch(/basic_text/);
    expect(warning).toMatch(/publicly known password/);
    expect(warning).toMatch(/GNOME Keyring or KDE Wallet/);
  });

  it('consent given for basic_text does not carry over to another weak store', async () => {
    const dir = tempDir();
    const state = new DesktopStateStore(dir);
    const consent = rememberedConsent(state, null);
    consent.grant('basic_text');
    expect(consent.granted('basic_text')).toBe(true);
    expect(consent.granted('unknown')).toBe(false);
  });

  it('needs no consent with a real keyring, nor on macOS or Windows', async () => {
    for (const [platform, backend] of [
      ['linux', 'gnome_libsecret'],
      ['linux', 'kwallet6'],
      ['darwin', 'basic_text'],
      ['win32', 'unknown'],
    ] as const) {
      const safeStorage = new FakeSafeStorage();
      safeStorage.backend = backend;
      const { secrets } = store({ safeStorage, platform });
      await secrets.set('source:a', SECRET);
      expect(await secrets.get('source:a')).toBe(SECRET);
    }
  });
});
