import type { CredentialsRepo } from '../db/repos/credentials';
import type { SecretStore } from './secret-store';

/** API keys in the encrypted cache: the store of the CLI and the browser host. */
export class CacheSecretStore implements SecretStore {
  readonly description = 'the encrypted local cache';

  constructor(
    private readonly credentials: CredentialsRepo,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(ref: string): Promise<string | null> {
    return Promise.resolve(this.credentials.get(ref));
  }

  set(ref: string, secret: string): Promise<void> {
    this.credentials.put(ref, secret, this.now().toISOString());
    return Promise.resolve();
  }

  delete(ref: string): Promise<void> {
    this.credentials.remove(ref);
    return Promise.resolve();
  }
}
