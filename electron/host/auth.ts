import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'clinicsync_token';

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * A request is authorised by the per-launch token, either in the `token` query parameter (the URL the
 * host prints) or in the cookie the host set when that URL was first opened.
 */
export function hasValidToken(requestUrl: string, cookieHeader: string | undefined, token: string): boolean {
  const queryToken = new URL(requestUrl, 'http://localhost').searchParams.get('token');
  if (queryToken !== null && safeEqual(queryToken, token)) return true;
  const cookieToken = parseCookies(cookieHeader)[TOKEN_COOKIE];
  return cookieToken !== undefined && safeEqual(cookieToken, token);
}

/** The only origins allowed to open the socket: the console's own (under either loopback name). */
export function isAllowedOrigin(origin: string | undefined, port: number, ownOrigin: string): boolean {
  return origin === ownOrigin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
