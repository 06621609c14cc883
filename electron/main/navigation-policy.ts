import { originOf } from '../handlers';
import { APP_ORIGIN } from './app-origin';

/** In-app navigation may only stay inside the app's own origin. */
export function isNavigationAllowed(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/** Hosts a link from the console may open in the user's browser: the vendors' own sites. */
const EXTERNAL_HOST_SUFFIXES = ['cliniko.com', 'intakeq.com', 'practiceq.com'];

/** openExternal is only ever given https URLs to the vendors' sites, without credentials. */
export function isExternalUrlAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}
