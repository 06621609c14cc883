import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, IPC_EVENT, IPC_INVOKE } from '../../../electron/contract';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge';

function fakeIpcRenderer() {
  const calls: unknown[][] = [];
  const listeners = new Set<(event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      calls.push(args);
      return { ok: true, value: 'pong' };
    },
    on: (channel, listener) => {
      if (channel === IPC_EVENT) listeners.add(listener);
    },
    removeListener: (_channel, listener) => void listeners.delete(listener),
  };
  const emit = (name: string, payload: unknown) => listeners.forEach((l) => l({}, name, payload));
  return { ipc, calls, listeners, emit };
}

describe('preload bridge', () => {
  it('exposes exactly one function per contract channel plus `on`, frozen', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each call over the single contract IPC channel', async () => {
    const { ipc, calls } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    await expect(bridge['app:info']({})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(calls).toEqual([[IPC_INVOKE, 'app:info', {}]]);
  });

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const off = bridge.on('app:notice', (notice) => seen.push(notice));
    emit('app:notice', { level: 'warn', message: 'Cache moved aside' });
    emit('something:else', { level: 'info', message: 'ignored' });
    off();
    emit('app:notice', { level: 'info', message: 'after unsubscribe' });
    expect(seen).toEqual([{ level: 'warn', message: 'Cache moved aside' }]);
    expect(listeners.size).toBe(0);
  });

  it('refuses to subscribe to events that are not in the contract', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(() => bridge.on('not:an-event' as never, () => {})).toThrow(/Unknown ClinicSync event/);
  });
});
