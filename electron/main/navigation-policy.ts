import { originOf } from '../handlers';
import { APP_ORIGIN } from './app-origin';

/** In-app navigation may only stay inside the app's own origin. */
export function isNavigationAllowed(url: string): boolean {
  return typeof url === 'string' && originOf(url) === APP_ORIGIN;
}

/** Hosts a link from the console may open in the user's browser: the vendors' own sites. */
const EXTERNAL_HOST_SUFFIXES = ['cliniko.com', 'intakeq.com', 'practiceq.com'];

/** Longer than any real vendor link; a longer one is an attempt to smuggle something. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to the operating system, or null when it may not leave the app: only https links
 * to the vendors' sites on the default port, without credentials, whitespace or control characters.
 * The result is the parsed URL re-serialised, so the OS never sees a string that another URL parser
 * could read differently from the one that checked it.
 */
export function toSafeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // The WHATWG parser silently drops tabs and newlines and trims spaces; refuse them instead.
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what is refused here
  if (/[\s\u0000-\u001f\u007f-\u009f\\]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
  const host = parsed.hostname.toLowerCase();
  if (!EXTERNAL_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) return null;
  return parsed.href.length > MAX_EXTERNAL_URL_LENGTH ? null : parsed.href;
}

/** openExternal is only ever given https URLs to the vendors' sites, without credentials. */
export function isExternalUrlAllowed(url: string): boolean {
  return toSafeExternalUrl(url) !== null;
}
