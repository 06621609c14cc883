import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_CLOSE, HOST_SUBPROTOCOL, type HostMessage } from '../contract';
import type { Dispatch, EventSink } from '../handlers';
import { DEFAULT_SOCKET_LIMITS, FairScheduler, RequestBudget, RequestLane, type SocketLimits } from './socket-limits';

/** Large enough for any real request; anything bigger is hostile and closes the socket (1009). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** After a protocol error `ws` sends its close frame; a peer that does not answer it is cut off after this. */
const CLOSE_GRACE_MS = 1_000;

// Close reasons are limited to 123 bytes by the protocol.
const REASONS = {
  malformed: 'Malformed request',
  tokenRefused: 'Access token refused: open the full link ClinicSync printed when it started.',
  tooManyConnections: 'Too many ClinicSync consoles are open: close one and try again.',
  tooManyRequests: 'Too many requests from this console.',
};

export interface SocketServerOptions {
  dispatch: Dispatch;
  limits?: Partial<SocketLimits>;
  /** Milliseconds, for the request budget; injected by tests. */
  now?: () => number;
  /** One line per kind of protocol violation (never message contents). */
  warn?: (message: string) => void;
}

export interface SocketServer {
  /** Completes the handshake of a checked upgrade; a socket without the token is closed with 4401. */
  admit(req: IncomingMessage, socket: Duplex, head: Buffer, authorised: boolean): void;
  sink: EventSink;
  /** Authorised sockets open now. */
  openCount(): number;
  closeAll(): void;
}

function send(socket: WebSocket, message: HostMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function parseRequest(raw: string): { id: number; channel: unknown; input: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, id, channel, input } = value as Record<string, unknown>;
  if (type !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, channel, input };
}

/**
 * The contract over WebSocket: the same dispatcher as IPC, plus a broadcast sink for events. A socket
 * that breaks the protocol (oversized, unmasked or invalid frames) is closed and the host keeps
 * serving; without an 'error' listener the `ws` library's error would end the whole process.
 */
export function createSocketServer(options: SocketServerOptions): SocketServer {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const now = options.now ?? (() => performance.now());
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(HOST_SUBPROTOCOL) ? HOST_SUBPROTOCOL : false),
  });
  const open = new Set<WebSocket>();
  const scheduler = new FairScheduler();
  const reported = new Set<string>();

  const onSocketError = (socket: WebSocket) => (err: Error & { code?: string }) => {
    const kind = err.code ?? err.message;
    if (!reported.has(kind)) {
      reported.add(kind);
      options.warn?.(`Closed a console connection that broke the WebSocket protocol (${kind}); further ones are closed silently.`);
    }
    // `ws` has already sent the close frame with the reason's code; let it leave, then cut the peer off.
    const cutOff = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    cutOff.unref();
    socket.once('close', () => clearTimeout(cutOff));
  };

  const serve = (socket: WebSocket): void => {
    open.add(socket);
    const budget = new RequestBudget(limits, now);
    const lane = new RequestLane(scheduler, limits.maxInFlight, () => budget.level());
    let closing = false;
    const closeWith = (code: number, reason: string) => {
      closing = true;
      lane.clear();
      socket.close(code, reason);
    };
    socket.on('close', () => {
      open.delete(socket);
      lane.clear();
    });
    socket.on('message', (data, isBinary) => {
      if (closing) return;
      if (!budget.take()) return closeWith(HOST_CLOSE.tooManyRequests, REASONS.tooManyRequests);
      const request = isBinary ? null : parseRequest(data.toString());
      if (!request) return closeWith(HOST_CLOSE.malformed, REASONS.malformed);
      lane.submit(async () => {
        const envelope = await options.dispatch(request.channel, request.input);
        send(socket, { type: 'result', id: request.id, envelope });
      });
    });
  };

  return {
    admit(req, socket, head, authorised) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', onSocketError(ws));
        if (!authorised) return ws.close(HOST_CLOSE.tokenRefused, REASONS.tokenRefused);
        if (open.size >= limits.maxSockets) return ws.close(HOST_CLOSE.tooManyConnections, REASONS.tooManyConnections);
        serve(ws);
      });
    },
    sink: (event, payload) => {
      for (const client of open) send(client, { type: 'event', event, payload });
    },
    openCount: () => open.size,
    closeAll() {
      for (const client of open) client.terminate();
      wss.close();
    },
  };
}
