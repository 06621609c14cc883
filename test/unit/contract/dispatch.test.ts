import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE, type Envelope } from '../../../electron/contract';
import { UserFacingError } from '../../../electron/core/errors';
import {
  createDispatcher,
  createHandlers,
  registerContractIpc,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../electron/handlers';
import { openTestService, type TestService } from '../../support/test-service';

const APP_ORIGIN = 'app://clinicsync';

/** A stand-in for Electron's ipcMain that records handlers so tests can invoke them like a renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (url: string | null, channel: unknown, input: unknown, parent: unknown = null) => {
    const handler = handlers.get(IPC_INVOKE);
    if (!handler) throw new Error('not registered');
    const event: IpcInvokeEventLike = { senderFrame: url === null ? null : { url, parent } };
    return handler(event, channel, input) as Promise<Envelope<unknown>>;
  };
  return { ipcMain, handlers, invoke };
}

const opened: TestService[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.dispose()));
});

function setup() {
  const test = openTestService();
  opened.push(test);
  const { service } = test;
  const onInternal = vi.fn();
  const dispatch = createDispatcher(createHandlers(service, 'electron'), onInternal);
  const ipc = fakeIpcMain();
  const unregister = registerContractIpc(ipc.ipcMain, dispatch, APP_ORIGIN);
  return { ...ipc, unregister, onInternal, service };
}

describe('contract over IPC', () => {
  it('answers a valid call from the app window with the result', async () => {
    const { invoke, service } = setup();
    const result = await invoke(`${APP_ORIGIN}/index.html`, 'app:info', {});
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'ClinicSync', version: '1.2.3', runtime: 'electron', dataDir: service.info().dataDir }),
    });
  });

  it('rejects input that does not match the channel schema, naming the problem', async () => {
    const { invoke } = setup();
    const result = await invoke(`${APP_ORIGIN}/index.html`, 'app:info', { unexpected: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.details).toEqual([expect.objectContaining({ message: expect.any(String) })]);
  });

  it('refuses unknown channels, including prototype keys', async () => {
    const { invoke } = setup();
    for (const channel of ['app:nope', '__proto__', 'constructor', 42, null]) {
      const result = await invoke(`${APP_ORIGIN}/index.html`, channel, {});
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_channel' }) });
    }
  });

  it('refuses senders that are not the app’s own top-level frame', async () => {
    const { invoke } = setup();
    const untrusted = [
      await invoke('https://evil.example/index.html', 'app:info', {}),
      await invoke('file:///etc/passwd', 'app:info', {}),
      await invoke(null, 'app:info', {}),
      await invoke(`${APP_ORIGIN}/index.html`, 'app:info', {}, { url: 'https://evil.example' }),
      await invoke('app://clinicsync.evil/index.html', 'app:info', {}),
    ];
    for (const result of untrusted) {
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'untrusted_sender' }) });
    }
  });

  it('passes user-facing errors through and hides internal ones without a stack trace', async () => {
    const { service } = setup();
    const onInternal = vi.fn();
    const handlers = createHandlers(service, 'browser');
    const failing = createDispatcher(
      {
        ...handlers,
        'app:info': () => {
          throw new UserFacingError('cache_locked', 'The cache is in use by another ClinicSync.');
        },
      },
      onInternal,
    );
    expect(await failing('app:info', {})).toEqual({
      ok: false,
      error: { code: 'cache_locked', message: 'The cache is in use by another ClinicSync.' },
    });

    const crashing = createDispatcher(
      {
        ...handlers,
        'app:notices': () => {
          throw new TypeError('x is undefined at /src/secret.ts:12');
        },
      },
      onInternal,
    );
    const result = await crashing('app:notices', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(JSON.stringify(result.error)).not.toMatch(/secret\.ts|TypeError/);
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('unregisters its handler', () => {
    const { unregister, handlers } = setup();
    expect(handlers.has(IPC_INVOKE)).toBe(true);
    unregister();
    expect(handlers.has(IPC_INVOKE)).toBe(false);
  });
});
