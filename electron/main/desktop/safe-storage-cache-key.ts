import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateHexKey, isHexKey, type CacheKey } from '../../core/db/cipher';
import { keyFilePath } from '../../core/db/cache-key';
import { UserFacingError } from '../../core/errors';
import { isInsideReal } from '../../core/security/real-path';
import type { SafeStorageLike } from './electron-like';
import { isPlainObject, readJsonFile, writeJsonFileAtomic } from './json-file';
import { assessSafeStorage, requireProtectedOrConsented, type WeakStorageConsent } from './storage-backend';

const FORMAT = 'clinicsync-cache-key/1';

export interface SafeStorageCacheKeyOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  consent: WeakStorageConsent;
  /** The data folder holding the cache; the key file must not be inside it. */
  dataDir: string;
  /** The key file; see desktopCacheKeyFile. */
  file: string;
  /**
   * A plain key file made by the CLI or browser host for the same data folder (core's keyFilePath).
   * When there is no safeStorage key yet but this holds one, that key is adopted — encrypted with
   * safeStorage — instead of generating a new key that could not open the existing cache.
   */
  adoptKeyFile?: string;
  /** Diagnostics; never receives the key or its ciphertext. */
  log?: (line: string) => void;
}

export interface DesktopCacheKey {
  key: CacheKey;
  origin: 'safe_storage' | 'generated_safe_storage' | 'adopted_key_file';
}

/** Beside the CLI's key files (outside the data folder), named for the data folder it unlocks. */
export function desktopCacheKeyFile(keyDir: string, dataDir: string): string {
  return keyFilePath(keyDir, dataDir).replace(/\.key$/, '.safestorage.json');
}

/**
 * The cache's 256-bit key, generated once from random bytes and kept encrypted by safeStorage
 * (never in plain text). A key that exists but cannot be decrypted is an error, never a reason to
 * make a new one: a new key would lock the existing cache for good.
 */
export async function loadOrCreateSafeStorageCacheKey(options: SafeStorageCacheKeyOptions): Promise<DesktopCacheKey> {
  assertOutside(options.file, options.dataDir);
  const existing = await readKey(options);
  if (existing) return { key: { kind: 'encrypted', hexKey: existing }, origin: 'safe_storage' };

  const assessment = await assessSafeStorage(options.safeStorage, options.platform);
  await requireProtectedOrConsented(assessment, options.consent);
  const adopted = options.adoptKeyFile ? readPlainKeyFile(options.adoptKeyFile) : null;
  const hexKey = adopted ?? generateHexKey();
  const encrypted = (await options.safeStorage.encryptStringAsync(hexKey)).toString('base64');
  const winner = createExclusively(options.file, { format: FORMAT, backend: assessment.backend, encryptedKey: encrypted });
  if (!winner) {
    // Another launch created it first: use theirs.
    const theirs = await readKey(options);
    if (theirs) return { key: { kind: 'encrypted', hexKey: theirs }, origin: 'safe_storage' };
  }
  options.log?.(`cache key: ${adopted ? 'adopted the key file of the CLI' : 'generated a new key'}, kept with ${assessment.backend}`);
  return { key: { kind: 'encrypted', hexKey }, origin: adopted ? 'adopted_key_file' : 'generated_safe_storage' };
}

async function readKey(options: SafeStorageCacheKeyOptions): Promise<string | null> {
  const contents = readJsonFile(options.file);
  if (contents.kind === 'missing') return null;
  const value = contents.kind === 'ok' ? contents.value : null;
  if (!isPlainObject(value) || value.format !== FORMAT || typeof value.encryptedKey !== 'string') {
    throw unreadable(options.file, 'is damaged');
  }
  let decrypted: { result: string; shouldReEncrypt: boolean };
  try {
    decrypted = await options.safeStorage.decryptStringAsync(Buffer.from(value.encryptedKey, 'base64'));
  } catch {
    throw unreadable(options.file, 'could not be unlocked by the system keychain (it is locked, or was reset or replaced)');
  }
  if (!isHexKey(decrypted.result)) throw unreadable(options.file, 'does not hold a valid key');
  if (decrypted.shouldReEncrypt) await reEncrypt(options, decrypted.result, typeof value.backend === 'string' ? value.backend : 'unknown');
  return decrypted.result.toLowerCase();
}

async function reEncrypt(options: SafeStorageCacheKeyOptions, hexKey: string, backend: string): Promise<void> {
  try {
    const encryptedKey = (await options.safeStorage.encryptStringAsync(hexKey)).toString('base64');
    writeJsonFileAtomic(options.file, { format: FORMAT, backend, encryptedKey });
    options.log?.('cache key: re-encrypted with a newer keychain key');
  } catch {
    options.log?.('cache key: could not re-encrypt; keeping the old ciphertext');
  }
}

function readPlainKeyFile(file: string): string | null {
  try {
    const hexKey = readFileSync(file, 'utf8').trim();
    return isHexKey(hexKey) ? hexKey.toLowerCase() : null;
  } catch {
    return null;
  }
}

function unreadable(file: string, problem: string): UserFacingError {
  return new UserFacingError(
    'cache_key_unreadable',
    `The key of the local cache (${file}) ${problem}. ClinicSync left the cache untouched; without its key the cache cannot be opened and must be rebuilt by a full sync.`,
  );
}

function assertOutside(file: string, dataDir: string): void {
  if (isInsideReal(file, dataDir)) {
    throw new UserFacingError(
      'key_dir_inside_data',
      `The cache key file (${file}) is inside the data folder; keep it elsewhere so copying the data does not copy the key.`,
    );
  }
}

/** Writes a draft and links it into place: returns false when the file already existed. */
function createExclusively(file: string, value: unknown): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
