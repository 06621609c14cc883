import { timingSafeEqual } from 'node:crypto';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../contract/host-socket';

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A socket is authorised by the per-launch token offered as a subprotocol (see host-socket.ts). Never a
 * cookie (cookies are shared by every port of 127.0.0.1) and never the URL (kept in history and logs).
 */
export function hasValidSocketToken(protocolHeader: string | string[] | undefined, token: string): boolean {
  const offered = (Array.isArray(protocolHeader) ? protocolHeader.join(',') : (protocolHeader ?? '')).split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  return presented !== undefined && safeEqual(presented.slice(TOKEN_SUBPROTOCOL_PREFIX.length), token);
}

/**
 * The request target as a URL, or null when it is not one. A raw request line such as `GET //[` is
 * not a valid URL: it must be answered with 400, never allowed to throw inside the server.
 */
export function parseRequestUrl(requestUrl: string | undefined): URL | null {
  try {
    return new URL(requestUrl ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/**
 * While the host listens on loopback, only requests addressed to a loopback name on its port are
 * answered: a page on another site that re-points its own DNS name at 127.0.0.1 (DNS rebinding)
 * arrives with its own name in `Host` and is refused.
 */
export function isAllowedHostHeader(hostHeader: string | undefined, port: number, boundHost: string): boolean {
  if (!isLoopbackHost(boundHost)) return true;
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bound}:${port}`]);
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/** The only origins allowed to open the socket: the console's own (under either loopback name). */
export function isAllowedOrigin(origin: string | undefined, port: number, ownOrigin: string): boolean {
  return origin === ownOrigin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
