import { HOST_CLOSE, socketProtocols, type Envelope, type EventName, type HostMessage, type HostRequest } from '@contract';
import type { Transport } from './transport';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

export const ACCESS_REFUSED_MESSAGE =
  'This ClinicSync console link is missing its access token or is out of date. Open the full link printed when the console started.';

export interface WsTransportListeners {
  onStatus(connected: boolean): void;
  /** The host refused the token (or there is none): reconnecting cannot help. */
  onRefused(message: string): void;
}

/**
 * The browser console's transport: the host's WebSocket, presenting the access token as a subprotocol.
 * Reconnects by itself and calls made while disconnected wait — unless the token is refused, when
 * every call fails with a message that says which link to open.
 */
export function createWsTransport(url: string, token: string | null, listeners: WsTransportListeners): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let refused = token === null;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const queue: HostRequest[] = [];
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const refusal: Envelope<unknown> = { ok: false, error: { code: 'access_refused', message: ACCESS_REFUSED_MESSAGE } };

  const failPending = (envelope: Envelope<unknown>): void => {
    for (const [id, resolve] of pending) {
      resolve(envelope);
      pending.delete(id);
    }
  };

  const connect = (accessToken: string): void => {
    socket = new WebSocket(url, socketProtocols(accessToken));
    socket.onopen = () => {
      attempt = 0;
      listeners.onStatus(true);
      for (const request of queue.splice(0)) socket?.send(JSON.stringify(request));
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as HostMessage;
      if (data.type === 'result') {
        pending.get(data.id)?.(data.envelope);
        pending.delete(data.id);
      } else {
        for (const listener of eventListeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    socket.onclose = (event) => {
      if (event.code === HOST_CLOSE.tokenRefused) {
        refused = true;
        queue.length = 0;
        failPending(refusal);
        listeners.onRefused(ACCESS_REFUSED_MESSAGE);
        return;
      }
      listeners.onStatus(false);
      // Everything pending is answered "disconnected" below, so nothing waiting may be sent later:
      // a change the UI reported as failed must not then happen.
      queue.length = 0;
      failPending({ ok: false, error: { code: 'disconnected', message: 'Lost the connection to ClinicSync. Reconnecting…' } });
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(() => connect(accessToken), delay);
    };
  };
  if (token === null) queueMicrotask(() => listeners.onRefused(ACCESS_REFUSED_MESSAGE));
  else connect(token);

  return {
    invoke(channel, input) {
      if (refused) return Promise.resolve(refusal);
      const request: HostRequest = { type: 'invoke', id: nextId++, channel, input };
      return new Promise((resolve) => {
        pending.set(request.id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
        else queue.push(request);
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
