import { UserFacingError } from '../../core/errors';
import type { DesktopStateStore } from './desktop-state';
import type { SafeStorageLike } from './electron-like';

/** Linux backends that do not really protect anything: a fixed, published password, or none detected yet. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export interface StorageAssessment {
  /** Chromium's name for the store ("gnome_libsecret", "basic_text", "keychain", "dpapi"). */
  backend: string;
  /** True when consent is needed before keeping secrets in it. */
  weak: boolean;
  /** Where secrets go, in words ("the system keyring"). */
  description: string;
}

const DESCRIPTIONS: { keychain: string; dpapi: string; [backend: string]: string } = {
  keychain: 'the macOS Keychain',
  dpapi: 'Windows data protection (tied to your Windows account)',
  gnome_libsecret: 'the system keyring (Secret Service)',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet',
  kwallet6: 'KDE Wallet',
  basic_text: 'a local file protected only by a fixed, publicly known password',
  unknown: 'a store ClinicSync could not identify',
};

/** Before the store is assessed (that needs the app to be ready): where secrets go on this platform. */
export function platformDescription(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return DESCRIPTIONS.keychain;
  if (platform === 'win32') return DESCRIPTIONS.dpapi;
  return 'the system keyring';
}

export function weakStorageWarning(backend: string): string {
  const found =
    backend === 'basic_text'
      ? 'ClinicSync could not find a system keyring on this computer (Linux offered only its “basic_text” store).'
      : 'ClinicSync could not tell which password store this computer uses.';
  return [
    found,
    'API keys and the key of the local patient cache would be saved encrypted with a fixed, publicly known password, so anyone who can read your files could read them.',
    'To protect them properly, install or unlock GNOME Keyring or KDE Wallet and restart ClinicSync. Store them anyway only if this computer is used by you alone.',
  ].join(' ');
}

/** Which store safeStorage uses here, and whether it protects secrets. Throws when encryption is unavailable. */
export async function assessSafeStorage(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Promise<StorageAssessment> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new UserFacingError(
      'secret_storage_unavailable',
      'This computer offers ClinicSync no way to store API keys securely (its password store is not available). Unlock or set up the system keyring and restart ClinicSync.',
    );
  }
  const backend = platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : safeStorage.getSelectedStorageBackend();
  const weak = platform === 'linux' && WEAK_LINUX_BACKENDS.has(backend);
  return { backend, weak, description: DESCRIPTIONS[backend] ?? backend };
}

/** Whether the user agreed to keep secrets in a weak store, and a way to ask them. */
export interface WeakStorageConsent {
  granted(backend: string): boolean;
  /** Asks (a dialog); resolves true when the user agrees, and remembers it. */
  request(backend: string, warning: string): Promise<boolean>;
}

/** Consent remembered in the desktop state file; `ask` shows the warning (null: never ask, refuse). */
export function rememberedConsent(
  state: DesktopStateStore,
  ask: ((warning: string) => Promise<boolean>) | null,
  now: () => Date = () => new Date(),
): WeakStorageConsent & { grant(backend: string): void } {
  const grant = (backend: string) => state.set('weakStorageConsent', { backend, at: now().toISOString() });
  return {
    granted: (backend) => state.get('weakStorageConsent')?.backend === backend,
    grant,
    async request(backend, warning) {
      if (state.get('weakStorageConsent')?.backend === backend) return true;
      if (!ask || !(await ask(warning))) return false;
      grant(backend);
      return true;
    },
  };
}

/** Resolves when secrets may be stored in the assessed store; throws the warning when the user declined. */
export async function requireProtectedOrConsented(assessment: StorageAssessment, consent: WeakStorageConsent): Promise<void> {
  if (!assessment.weak || consent.granted(assessment.backend)) return;
  const warning = weakStorageWarning(assessment.backend);
  if (await consent.request(assessment.backend, warning)) return;
  throw new UserFacingError('secret_storage_consent_required', warning, { backend: assessment.backend });
}
