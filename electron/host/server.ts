import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Dispatch, EventSink } from '../handlers';
import { hasValidSocketToken, isAllowedHostHeader, isAllowedOrigin, isLoopbackHost, parseRequestUrl } from './auth';
import type { SocketLimits } from './socket-limits';
import { createSocketServer } from './sockets';
import { sendText, serveStatic } from './static-files';

export interface HostOptions {
  dispatch: Dispatch;
  /** Folder of the built console (out/renderer). */
  rendererDir: string;
  port?: number;
  host?: string;
  /** Binding beyond loopback exposes health data to the network: only with this set. */
  allowNonLoopback?: boolean;
  warn?: (message: string) => void;
  /** Caps on sockets and requests (see socket-limits.ts); tests and the benchmark tighten them. */
  socketLimits?: Partial<SocketLimits>;
  /** Milliseconds, for the per-socket request budget; injected by tests. */
  now?: () => number;
}

export interface RunningHost {
  /** The URL to open: the per-launch token rides in the fragment, which the browser never sends to a server. */
  url: string;
  origin: string;
  port: number;
  token: string;
  events: EventSink;
  /** Consoles connected now (authorised sockets). */
  openConsoles(): number;
  close(): Promise<void>;
}

export const SOCKET_PATH = '/ws';

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}

/**
 * Serves the console and its contract on 127.0.0.1. The built console is static and holds no data, so
 * its files need no token; the socket, which carries every piece of data, needs the per-launch token
 * (offered as a subprotocol) and the console's own Origin, so neither another site open in the same
 * browser nor another server on 127.0.0.1 that a browser sent a cookie to can drive it.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    if (!options.allowNonLoopback) {
      throw new Error(`Refusing to serve on ${host}: the console shows health data and only listens on 127.0.0.1 unless you force it.`);
    }
    options.warn?.(`Serving on ${host}: anyone who can reach this address and has the link can see patient data.`);
  }
  const token = randomBytes(24).toString('base64url');
  const sockets = createSocketServer({ dispatch: options.dispatch, limits: options.socketLimits, now: options.now, warn: options.warn });
  let port = 0;
  let origin = '';

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (!parseRequestUrl(req.url)) return sendText(res, 400, 'Bad request');
    if (!isAllowedHostHeader(req.headers.host, port, host)) return sendText(res, 421, 'This console only answers on 127.0.0.1.');
    // Browsers send Origin on cross-origin requests: no other site may fetch from the console.
    if (req.headers.origin !== undefined && !isAllowedOrigin(req.headers.origin, port, origin)) {
      return sendText(res, 403, 'Requests from other sites are refused.');
    }
    serveStatic(req, res, options.rendererDir);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not take the host down with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, '404 Not Found');
    if (!isAllowedHostHeader(req.headers.host, port, host)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, port, origin)) return refuseUpgrade(socket, '403 Forbidden');
    // A missing or wrong token completes the handshake and closes with 4401, so the page can say why.
    sockets.admit(req, socket, head, hasValidSocketToken(req.headers['sec-websocket-protocol'], token));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    events: sockets.sink,
    openConsoles: sockets.openCount,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
