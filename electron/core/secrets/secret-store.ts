/**
 * Where API keys live. Sources hold only a reference (`credentialRef`); each face supplies a store:
 * the desktop app Electron's safeStorage, the CLI and browser host the encrypted cache.
 */
export interface SecretStore {
  /** Where the secrets are kept, in words for messages ("the system keychain"). */
  readonly description: string;
  get(ref: string): Promise<string | null>;
  set(ref: string, secret: string): Promise<void>;
  delete(ref: string): Promise<void>;
}
