import type { ClinicSyncBridge, Envelope, EventName } from '@contract';
import type { Transport } from './transport';

/** Uses the preload's `window.clinicSync`, one named function per channel. */
export function createIpcTransport(bridge: ClinicSyncBridge): Transport {
  return {
    invoke(channel, input) {
      const fn = (bridge as unknown as Record<string, (input: unknown) => Promise<Envelope<unknown>>>)[channel];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown request ${channel}.` } });
      return fn(input);
    },
    on(event: EventName, listener) {
      return bridge.on(event, listener as never);
    },
  };
}
