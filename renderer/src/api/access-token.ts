/**
 * The browser console's access token: it arrives in the link's fragment (`/#token=…`, never sent to a
 * server) or, from an older link, in its query (`/?token=…`); it is kept in this tab's sessionStorage,
 * where a reload finds it, and removed from the address bar so it stays out of history and screenshots.
 */
export const TOKEN_STORAGE_KEY = 'clinicsync.console-token';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface TokenInUrl {
  token: string | null;
  /** The same address without the token (the page's #/route kept), or null when there was none. */
  cleanUrl: string | null;
}

/** Finds the token in a console address and the address without it. Pure, for tests. */
export function splitTokenFromUrl(href: string): TokenInUrl {
  const url = new URL(href);
  let token: string | null = null;
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    token = fromQuery;
    url.searchParams.delete('token');
  }
  // The fragment holds the token and perhaps the route: `#token=…`, `#token=…#/sync`, `#/sync&token=…`.
  const parts = url.hash.slice(1).split(/[#&]/);
  const inHash = parts.find((part) => part.startsWith('token='));
  if (inHash !== undefined) {
    token ??= inHash.slice('token='.length);
    const rest = parts.filter((part) => part !== inHash && part !== '').join('&');
    url.hash = rest;
  }
  if (token === null) return { token: null, cleanUrl: null };
  return { token: TOKEN_PATTERN.test(token) ? token : null, cleanUrl: `${url.pathname}${url.search}${url.hash}` };
}

/** Moves a token from the address bar into this tab's storage and returns the token to use, if any. */
export function takeAccessToken(location: { href: string }, storage: Storage, replaceUrl: (url: string) => void): string | null {
  const found = splitTokenFromUrl(location.href);
  if (found.cleanUrl !== null) replaceUrl(found.cleanUrl);
  if (found.token !== null) storage.setItem(TOKEN_STORAGE_KEY, found.token);
  return storage.getItem(TOKEN_STORAGE_KEY);
}
