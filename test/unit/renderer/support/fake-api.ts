import type { ChannelName, EventName, EventPayload } from '../../../../electron/contract';
import type { Api } from '../../../../renderer/src/api/client';

type Handler = (input: unknown) => unknown;

/**
 * The console's API without a service: each channel answers from a handler (a missing one fails
 * like a lost connection), every call is recorded, and events are emitted by the test.
 */
export function fakeApi(handlers: Partial<Record<ChannelName, Handler>> = {}) {
  const calls: Array<{ channel: ChannelName; input: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connection = new Set<(connected: boolean) => void>();
  const call = (async (channel: ChannelName, input: unknown) => {
    calls.push({ channel, input });
    const handler = handlers[channel];
    if (!handler) throw new Error(`disconnected (${channel})`);
    return handler(input);
  }) as Api['call'];
  const on = ((event: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  }) as Api['on'];
  return {
    call,
    on,
    calls,
    handlers,
    /** How many times a channel was called. */
    count: (channel: ChannelName) => calls.filter((c) => c.channel === channel).length,
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    onConnectionChange(listener: (connected: boolean) => void): () => void {
      connection.add(listener);
      return () => connection.delete(listener);
    },
    reconnect(): void {
      for (const listener of connection) listener(true);
    },
  };
}

/** A frame scheduler the test runs by hand: nothing is applied until `run()`. */
export function manualFrames() {
  let queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    pending: () => queue.length,
    run(): void {
      const due = queue;
      queue = [];
      due.forEach((fn) => fn());
    },
  };
}

/** Lets awaited calls settle. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
