import { createHash } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultKeyDir } from '../paths';
import { isInsideReal } from '../security/real-path';
import { generateHexKey, isHexKey, type CacheKey } from './cipher';
import { CacheOpenError } from './errors';

export interface ResolveCacheKeyOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Where generated key files live; defaults to defaultKeyDir(env). Must be outside dataDir. */
  keyDir?: string;
  /** Store the cache unencrypted (same as CLINICSYNC_DB_UNENCRYPTED=1). */
  unencrypted?: boolean;
}

export interface ResolvedCacheKey {
  key: CacheKey;
  /** Where the key came from, for a status line (never the key itself). */
  origin: 'env' | 'key_file' | 'generated_key_file' | 'unencrypted';
  /** Set when the face must show a warning (running unencrypted). */
  warning?: string;
}

export const UNENCRYPTED_WARNING =
  'The local cache is stored without encryption: anyone who can read the file can read the patient data in it.';

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIR = 0o700;
const checksPermissions = process.platform !== 'win32';

/**
 * The cache key for the CLI and the browser host: CLINICSYNC_DB_KEY (64 hex characters), else a
 * key file readable only by its owner, generated on first use, one per data folder and kept outside
 * it — so a first run needs no set-up and copying the data folder alone does not copy the key.
 */
export function resolveCacheKey(options: ResolveCacheKeyOptions): ResolvedCacheKey {
  const env = options.env ?? process.env;
  if (options.unencrypted || env.CLINICSYNC_DB_UNENCRYPTED === '1') {
    return { key: { kind: 'unencrypted' }, origin: 'unencrypted', warning: UNENCRYPTED_WARNING };
  }
  const fromEnv = env.CLINICSYNC_DB_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isHexKey(fromEnv.trim())) {
      throw new CacheOpenError('invalid_key', 'CLINICSYNC_DB_KEY must be exactly 64 hexadecimal characters (a 256-bit key).');
    }
    return { key: { kind: 'encrypted', hexKey: fromEnv.trim().toLowerCase() }, origin: 'env' };
  }
  const keyDir = path.resolve(options.keyDir ?? defaultKeyDir(env));
  assertOutside(keyDir, path.resolve(options.dataDir));
  const file = keyFilePath(keyDir, options.dataDir);
  const existing = readKeyFile(file);
  if (existing !== null) return { key: { kind: 'encrypted', hexKey: existing }, origin: 'key_file' };
  return { key: { kind: 'encrypted', hexKey: createKeyFile(keyDir, file) }, origin: 'generated_key_file' };
}

/** One key file per data folder, named by a hash of the folder's absolute path. */
export function keyFilePath(keyDir: string, dataDir: string): string {
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(keyDir, `cache-${digest}.key`);
}

/** Compares real paths: a key folder reached through a symbolic link into the data folder is inside it. */
function assertOutside(keyDir: string, dataDir: string): void {
  if (isInsideReal(keyDir, dataDir)) {
    throw new CacheOpenError(
      'key_dir_inside_data',
      `The cache key folder (${keyDir}) is inside the data folder; keep it elsewhere so copying the data does not copy the key.`,
    );
  }
}

function readKeyFile(file: string): string | null {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (checksPermissions && ((stats.mode & 0o077) !== 0 || stats.uid !== process.getuid?.())) {
    throw new CacheOpenError(
      'key_file_insecure',
      `The cache key file ${file} must belong to you and be readable only by you (chmod 600). ClinicSync will not use it as it is.`,
    );
  }
  const hexKey = readFileSync(file, 'utf8').trim();
  if (!isHexKey(hexKey)) {
    throw new CacheOpenError('invalid_key', `The cache key file ${file} does not hold a 64-character hexadecimal key.`);
  }
  return hexKey.toLowerCase();
}

/** Writes the key beside its final name, then links it in: two first runs cannot both win. */
function createKeyFile(keyDir: string, file: string): string {
  mkdirSync(keyDir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (checksPermissions) chmodSync(keyDir, OWNER_ONLY_DIR);
  const hexKey = generateHexKey();
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, `${hexKey}\n`, { mode: OWNER_ONLY_FILE, flag: 'wx' });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readKeyFile(file);
    if (winner === null) throw error;
    return winner;
  } finally {
    rmSync(draft, { force: true });
  }
  return hexKey;
}
