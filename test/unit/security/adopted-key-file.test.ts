import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFilePath } from '../../../electron/core/db/cache-key';
import type { Notice } from '../../../electron/core/notices';
import { offerToRemoveAdoptedKeyFile } from '../../../electron/main/desktop/adopted-key-file';
import { desktopCacheKeyFile, loadOrCreateSafeStorageCacheKey } from '../../../electron/main/desktop/safe-storage-cache-key';
import type { WeakStorageConsent } from '../../../electron/main/desktop/storage-backend';
import { FakeSafeStorage } from '../main/desktop/fakes';

/**
 * Issue 15 item 6: the desktop app moved the CLI's plain key file into the keychain and left the
 * plain file on disk, without a word. Now the launch that adopts it offers to delete it and says,
 * once, what became of it.
 */
const CLI_KEY = 'cd'.repeat(32);
const noConsent: WeakStorageConsent = { granted: () => false, request: async () => false };
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clinicsync-adopt-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** One desktop launch: load the key as open-desktop-service does, then make the offer. */
async function launch(safeStorage: FakeSafeStorage, answer: boolean) {
  const dataDir = join(root, 'ClinicSync');
  const keyDir = join(root, 'keys');
  const plainFile = keyFilePath(keyDir, dataDir);
  const { key, origin } = await loadOrCreateSafeStorageCacheKey({
    safeStorage,
    platform: 'linux',
    consent: noConsent,
    dataDir,
    file: desktopCacheKeyFile(keyDir, dataDir),
    adoptKeyFile: plainFile,
  });
  const questions: string[] = [];
  const notices: Notice[] = [];
  const outcome = await offerToRemoveAdoptedKeyFile({
    origin,
    file: plainFile,
    ask: async (question) => (questions.push(question), answer),
    notify: (notice) => notices.push(notice),
    log: () => {},
  });
  return { key, outcome, questions, notices, plainFile };
}

function writeCliKeyFile(): string {
  const file = keyFilePath(join(root, 'keys'), join(root, 'ClinicSync'));
  mkdirSync(join(root, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${CLI_KEY}\n`, { mode: 0o600 });
  return file;
}

describe('the CLI’s plain key file after the desktop adopts it', () => {
  it('is deleted when the user agrees, and the user is told once', async () => {
    const plainFile = writeCliKeyFile();
    const safeStorage = new FakeSafeStorage();
    const first = await launch(safeStorage, true);
    expect(first.key).toEqual({ kind: 'encrypted', hexKey: CLI_KEY });
    expect(first.outcome).toBe('deleted');
    expect(first.questions).toHaveLength(1);
    expect(existsSync(plainFile)).toBe(false);
    expect(first.notices.map((n) => n.message)).toEqual([expect.stringContaining('Deleted the plain copy of the cache key')]);

    const second = await launch(safeStorage, true);
    expect(second.key).toEqual({ kind: 'encrypted', hexKey: CLI_KEY });
    expect(second.questions).toEqual([]);
    expect(second.notices).toEqual([]);
  });

  it('is kept when the user says so, with a warning — and not asked about again', async () => {
    const plainFile = writeCliKeyFile();
    const safeStorage = new FakeSafeStorage();
    const first = await launch(safeStorage, false);
    expect(first.outcome).toBe('kept');
    expect(readFileSync(plainFile, 'utf8').trim()).toBe(CLI_KEY);
    expect(first.notices).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('Anyone who can read') })]);

    const second = await launch(safeStorage, false);
    expect(second.outcome).toBe('not_adopted');
    expect(second.questions).toEqual([]);
  });

  it('is not asked about when the desktop made its own key', async () => {
    const first = await launch(new FakeSafeStorage(), true);
    expect(first.outcome).toBe('not_adopted');
    expect(first.questions).toEqual([]);
  });
});
