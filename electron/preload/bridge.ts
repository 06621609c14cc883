import { CHANNEL_NAMES, IPC_EVENT, IPC_INVOKE, isEventName, type ClinicSyncBridge, type EventName, type EventPayload } from '../contract';

/** The part of ipcRenderer the bridge uses; the preload passes the real one, tests a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

type Invokers = Omit<ClinicSyncBridge, 'on'>;

/**
 * Builds `window.clinicSync` from the contract: one named function per channel and `on`. The page
 * never sees ipcRenderer, and only contract events reach its listeners.
 */
export function createBridge(ipc: IpcRendererLike): ClinicSyncBridge {
  const invokers = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => ipc.invoke(IPC_INVOKE, channel, input)]),
  ) as unknown as Invokers;

  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown ClinicSync event: ${String(event)}`);
    const forward = (_event: unknown, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    ipc.on(IPC_EVENT, forward as (event: unknown, ...args: unknown[]) => void);
    return () => ipc.removeListener(IPC_EVENT, forward as (event: unknown, ...args: unknown[]) => void);
  };

  return Object.freeze({ ...invokers, on }) satisfies ClinicSyncBridge;
}
