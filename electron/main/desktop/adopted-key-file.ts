import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Notice } from '../../core/notices';
import type { DesktopCacheKey } from './safe-storage-cache-key';

export interface AdoptedKeyFileOptions {
  /** Where this launch's cache key came from: only the launch that adopted the file asks. */
  origin: DesktopCacheKey['origin'];
  /** The CLI's plain key file whose key the desktop app has just moved into the keychain. */
  file: string;
  /** Shows the question (a dialog); resolves true when the user chooses to delete the file. */
  ask(question: string, detail: string): Promise<boolean>;
  notify(notice: Notice): void;
  log(line: string): void;
}

export type AdoptedKeyFileOutcome = 'not_adopted' | 'deleted' | 'kept' | 'absent';

/**
 * After the desktop app adopts the CLI's key file (once, on the launch that moved the key into the
 * keychain), the plain copy is still on disk for anyone who can read it. Offer to delete it, and tell
 * the user once what became of it. It is only an offer: the command line and the browser console on
 * this computer open the cache with that file, and without it they need CLINICSYNC_DB_KEY.
 */
export async function offerToRemoveAdoptedKeyFile(options: AdoptedKeyFileOptions): Promise<AdoptedKeyFileOutcome> {
  if (options.origin !== 'adopted_key_file') return 'not_adopted';
  if (!existsSync(options.file)) return 'absent';
  const remove = await options.ask(
    'Delete the plain copy of the cache key?',
    `ClinicSync now keeps the key of its local cache in the system keychain. A plain copy made by the command-line tool is still at ${options.file}, where anyone who can read the file can unlock the cache. ` +
      'Delete it unless you also run `clinicsync` commands or the browser console on this computer (they use that file).',
  );
  if (!remove) {
    options.notify({
      level: 'warn',
      message: `The plain copy of the cache key was kept at ${options.file}. Anyone who can read that file can unlock the cache.`,
    });
    options.log('cache key: the plain key file was kept at the user’s choice');
    return 'kept';
  }
  // Overwrite before unlinking, so the key does not linger in the freed blocks of a plain disk.
  writeFileSync(options.file, Buffer.alloc(statSync(options.file).size));
  rmSync(options.file);
  options.notify({
    level: 'info',
    message: `Deleted the plain copy of the cache key (${options.file}); the key is now only in the system keychain.`,
  });
  options.log('cache key: deleted the plain key file after moving the key into the keychain');
  return 'deleted';
}
