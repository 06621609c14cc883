import type { ChannelInput, ChannelName, ChannelResult, ClinicSyncBridge, EventName, EventPayload } from '@contract';
import { createIpcTransport } from './ipc-transport';
import { takeAccessToken } from './access-token';
import { ApiError, type Transport } from './transport';
import { createWsTransport } from './ws-transport';

declare global {
  interface Window {
    clinicSync?: ClinicSyncBridge;
  }
}

export interface Api {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApi(transport: Transport): Api {
  return {
    async call(channel, input) {
      const envelope = await transport.invoke(channel, input);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value as never;
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}

type ConnectionListener = (connected: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();

/** Lets the UI show when the browser console has lost its connection to the host. */
export function onConnectionChange(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

const refusalListeners = new Set<(message: string) => void>();

/** Lets the UI say when the host refused this tab's access token (reconnecting cannot help then). */
export function onAccessRefused(listener: (message: string) => void): () => void {
  refusalListeners.add(listener);
  return () => refusalListeners.delete(listener);
}

function detectTransport(): Transport {
  if (window.clinicSync) return createIpcTransport(window.clinicSync);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const token = takeAccessToken(window.location, window.sessionStorage, (url) => window.history.replaceState(null, '', url));
  return createWsTransport(`${scheme}://${window.location.host}/ws`, token, {
    onStatus: (connected) => {
      for (const listener of connectionListeners) listener(connected);
    },
    onRefused: (message) => {
      for (const listener of refusalListeners) listener(message);
    },
  });
}

/** The console's one API client, over whichever transport this runtime offers. */
export const api = createApi(detectTransport());
export { ApiError };
