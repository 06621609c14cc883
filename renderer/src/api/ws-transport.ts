import type { Envelope, EventName, HostMessage, HostRequest } from '@contract';
import type { Transport } from './transport';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/**
 * The browser console's transport: the host's WebSocket, authenticated by the cookie the host set
 * when the console's link was opened. Reconnects by itself; calls made while disconnected wait.
 */
export function createWsTransport(url: string, onStatus: (connected: boolean) => void): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const queue: HostRequest[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const connect = (): void => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      onStatus(true);
      for (const request of queue.splice(0)) socket?.send(JSON.stringify(request));
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as HostMessage;
      if (data.type === 'result') {
        pending.get(data.id)?.(data.envelope);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    socket.onclose = () => {
      onStatus(false);
      // Everything pending is answered "disconnected" below, so nothing waiting may be sent later:
      // a change the UI reported as failed must not then happen.
      queue.length = 0;
      for (const [id, resolve] of pending) {
        resolve({ ok: false, error: { code: 'disconnected', message: 'Lost the connection to ClinicSync. Reconnecting…' } });
        pending.delete(id);
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    invoke(channel, input) {
      const request: HostRequest = { type: 'invoke', id: nextId++, channel, input };
      return new Promise((resolve) => {
        pending.set(request.id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
        else queue.push(request);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
