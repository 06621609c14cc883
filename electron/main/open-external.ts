import { isExternalUrlAllowed } from './navigation-policy';

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * The one place ClinicSync opens anything outside itself (lint bans shell.openExternal elsewhere).
 * Returns whether the URL was opened.
 */
export async function openExternalSafely(shell: ShellLike, url: string): Promise<boolean> {
  if (!isExternalUrlAllowed(url)) return false;
  // eslint-disable-next-line no-restricted-syntax -- this wrapper is the allowlisted entry point
  await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only URLs that passed isExternalUrlAllowed reach this line */
  return true;
}
