import type { ChannelInput, ChannelName, ChannelResult, EventName, EventPayload } from './channels';
import type { Envelope } from './errors';

/** The Electron IPC channel names the preload and main use to carry every contract call and event. */
export const IPC_INVOKE = 'clinicsync:invoke';
export const IPC_EVENT = 'clinicsync:event';

/**
 * The shape of `window.clinicSync` in the desktop app: one function per channel, plus `on`.
 * Functions resolve to envelopes so error codes survive the context bridge intact.
 */
export type ClinicSyncBridge = {
  readonly [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelResult<C>>>;
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Messages of the browser host's WebSocket protocol. */
export type HostRequest = { type: 'invoke'; id: number; channel: string; input: unknown };
export type HostMessage =
  { type: 'result'; id: number; envelope: Envelope<unknown> } | { type: 'event'; event: EventName; payload: unknown };
