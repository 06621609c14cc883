import { toSafeExternalUrl } from './navigation-policy';

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * The one place ClinicSync opens anything outside itself (lint bans shell.openExternal elsewhere).
 * Only the normalised form of an allowlisted URL reaches the OS. Returns whether it was opened; a
 * failure to open (no browser, OS refusal) is reported as false, never as an unhandled rejection.
 */
export async function openExternalSafely(shell: ShellLike, url: unknown): Promise<boolean> {
  const safe = toSafeExternalUrl(url);
  if (safe === null) return false;
  try {
    // eslint-disable-next-line no-restricted-syntax -- this wrapper is the allowlisted entry point
    await shell.openExternal(safe); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only URLs that passed toSafeExternalUrl reach this line */
    return true;
  } catch {
    return false;
  }
}
