import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsTransport } from '../../../renderer/src/api/ws-transport';

/** A WebSocket the test opens and closes by hand, recording what the console sent. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

const latest = (): FakeSocket => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the browser console transport after a lost connection', () => {
  it('never sends later a request it already answered "disconnected"', async () => {
    const transport = createWsTransport('ws://127.0.0.1:1/ws', 'token', { onStatus: () => {}, onRefused: () => {} });
    // Asked while the socket is still connecting: queued.
    const answer = transport.invoke('changes:setDone', { ids: [7], done: true });
    latest().close();
    expect(await answer).toMatchObject({ ok: false, error: { code: 'disconnected' } });

    await vi.advanceTimersByTimeAsync(300);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(latest().sent).toEqual([]);
    expect(FakeSocket.all[0]?.sent).toEqual([]);
  });

  it('still sends, once reconnected, a request made while reconnecting, and resolves it with the answer', async () => {
    const transport = createWsTransport('ws://127.0.0.1:1/ws', 'token', { onStatus: () => {}, onRefused: () => {} });
    latest().close();
    const answer = transport.invoke('changes:setDone', { ids: [7], done: false });
    await vi.advanceTimersByTimeAsync(300);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'invoke', id: 1, channel: 'changes:setDone', input: { ids: [7], done: false } }]);
    latest().onmessage?.({ data: JSON.stringify({ type: 'result', id: 1, envelope: { ok: true, value: { found: 1, mark: null } } }) });
    expect(await answer).toEqual({ ok: true, value: { found: 1, mark: null } });
  });
});
