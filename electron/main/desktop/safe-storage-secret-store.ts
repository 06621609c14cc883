import { UserFacingError } from '../../core/errors';
import type { SecretStore } from '../../core/secrets/secret-store';
import type { SafeStorageLike } from './electron-like';
import { isPlainObject, moveAside, readJsonFile, writeJsonFileAtomic } from './json-file';
import { assessSafeStorage, platformDescription, requireProtectedOrConsented, type WeakStorageConsent } from './storage-backend';

export const SECRETS_FILE = 'secrets.json';
const FORMAT = 'clinicsync-secrets/1';
const REF_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** Where the ciphertext lives, e.g. join(userData, SECRETS_FILE). */
  file: string;
  consent: WeakStorageConsent;
  /** Told once when an unreadable secrets file was moved aside. */
  onNotice?: (message: string) => void;
  /** Diagnostics. Never receives a secret or ciphertext: only refs and what happened. */
  log?: (line: string) => void;
  now?: () => Date;
}

interface SecretsFile {
  format: typeof FORMAT;
  /** The store that encrypted them, so "cannot decrypt" can say why. */
  backend: string;
  secrets: Map<string, string>;
}

/**
 * API keys encrypted by Electron's safeStorage (the OS keychain) and kept as base64 ciphertext in
 * one file. Nothing decrypted is cached: each `get` decrypts. Operations run one at a time so two
 * concurrent writes cannot lose each other.
 */
export class SafeStorageSecretStore implements SecretStore {
  #description: string;
  readonly #options: SafeStorageSecretStoreOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SafeStorageSecretStoreOptions) {
    this.#options = options;
    // Refined to the store actually used ("a local file protected only by…") once one is assessed.
    this.#description = platformDescription(options.platform);
  }

  get description(): string {
    return this.#description;
  }

  async get(ref: string): Promise<string | null> {
    checkRef(ref);
    return this.#exclusive(async () => {
      const file = this.#read();
      const encoded = file.secrets.get(ref);
      if (encoded === undefined) return null;
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await this.#options.safeStorage.decryptStringAsync(Buffer.from(encoded, 'base64'));
      } catch {
        this.#log(`could not decrypt the secret ${ref} (stored with ${file.backend})`);
        throw new UserFacingError(
          'secret_unreadable',
          'ClinicSync could not unlock a saved API key: the system keychain that protected it is locked, changed or gone. Enter the key again.',
          { ref },
        );
      }
      if (decrypted.shouldReEncrypt) await this.#reEncrypt(ref, decrypted.result);
      return decrypted.result;
    });
  }

  async set(ref: string, secret: string): Promise<void> {
    checkRef(ref);
    if (secret.length === 0) throw new UserFacingError('invalid_secret', 'An API key cannot be empty.');
    return this.#exclusive(async () => {
      const assessment = await assessSafeStorage(this.#options.safeStorage, this.#options.platform);
      this.#description = assessment.description;
      await requireProtectedOrConsented(assessment, this.#options.consent);
      const encrypted = await this.#encrypt(secret);
      const file = this.#read();
      file.secrets.set(ref, encrypted);
      this.#write({ ...file, backend: assessment.backend });
      this.#log(`stored the secret ${ref} with ${assessment.backend}`);
    });
  }

  async delete(ref: string): Promise<void> {
    checkRef(ref);
    return this.#exclusive(async () => {
      const file = this.#read();
      if (!file.secrets.delete(ref)) return;
      this.#write(file);
      this.#log(`deleted the secret ${ref}`);
    });
  }

  async #reEncrypt(ref: string, secret: string): Promise<void> {
    try {
      const file = this.#read();
      file.secrets.set(ref, await this.#encrypt(secret));
      this.#write(file);
      this.#log(`re-encrypted the secret ${ref} with a newer key`);
    } catch {
      // The old ciphertext still decrypts; re-encrypting is only an upgrade, so try again next time.
      this.#log(`could not re-encrypt the secret ${ref}; keeping the old ciphertext`);
    }
  }

  async #encrypt(secret: string): Promise<string> {
    try {
      return (await this.#options.safeStorage.encryptStringAsync(secret)).toString('base64');
    } catch {
      // Electron's error text is not shown: it is not written for staff, and errors must never carry the secret.
      throw new UserFacingError(
        'secret_storage_failed',
        'ClinicSync could not encrypt the API key with the system keychain. Unlock it and try again.',
      );
    }
  }

  #read(): SecretsFile {
    const empty: SecretsFile = { format: FORMAT, backend: 'unknown', secrets: new Map() };
    const contents = readJsonFile(this.#options.file);
    if (contents.kind === 'missing') return empty;
    if (contents.kind === 'ok') {
      const parsed = parseSecretsFile(contents.value);
      if (parsed) return parsed;
    }
    const aside = moveAside(this.#options.file, (this.#options.now ?? (() => new Date()))());
    this.#log(`moved an unreadable secrets file aside to ${aside}`);
    this.#options.onNotice?.(
      `The file of saved API keys could not be read, so ClinicSync set it aside (${aside}). Enter the API keys of your connections again.`,
    );
    return empty;
  }

  #write(file: SecretsFile): void {
    writeJsonFileAtomic(this.#options.file, { format: FORMAT, backend: file.backend, secrets: Object.fromEntries(file.secrets) });
  }

  #log(line: string): void {
    this.#options.log?.(`secrets: ${line}`);
  }

  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

function checkRef(ref: string): void {
  if (!REF_PATTERN.test(ref))
    throw new UserFacingError('invalid_secret_ref', 'A credential reference must be 1–200 letters, digits or . _ : -');
}

function parseSecretsFile(value: unknown): SecretsFile | null {
  if (!isPlainObject(value) || value.format !== FORMAT || !isPlainObject(value.secrets)) return null;
  const secrets = new Map<string, string>();
  for (const [ref, encoded] of Object.entries(value.secrets)) {
    if (typeof encoded !== 'string' || !REF_PATTERN.test(ref)) return null;
    secrets.set(ref, encoded);
  }
  return { format: FORMAT, backend: typeof value.backend === 'string' ? value.backend : 'unknown', secrets };
}
