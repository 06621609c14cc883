import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppService } from '../../../electron/core/service';
import { serveContract } from '../../../electron/handlers';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { rawGet } from '../../support/raw-http';

let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'clinicsync-host-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClinicSync</title>');
  writeFileSync(join(tmpdir(), 'clinicsync-outside.txt'), 'outside the console folder');
  const service = new AppService({ name: 'ClinicSync', version: '9.9.9', dataDir: '/tmp/cs' });
  host = await startHost({ dispatch: serveContract(service, 'browser', () => {}), rendererDir });
});

afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** Opens the socket and resolves with the HTTP status of a refused upgrade, or the open socket. */
function connect(options: { token?: string; origin?: string; cookie?: string }): Promise<WebSocket | number> {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { origin: options.origin, headers });
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

function invoke(socket: WebSocket, channel: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.send(JSON.stringify({ type: 'invoke', id: 7, channel, input }));
  });
}

describe('browser console host', () => {
  it('listens on loopback only and prints a link with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=`));
  });

  it('refuses the page without the token, or with a wrong one', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    expect((await fetch(`${host.origin}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${host.origin}/index.html`, { headers: { cookie: 'clinicsync_token=wrong' } })).status).toBe(401);
  });

  it('serves the page with the token and sets a strict cookie that authorises later requests', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const again = await fetch(`${host.origin}/index.html`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(again.status).toBe(200);
  });

  it('never serves files outside the console folder', async () => {
    // Raw request lines: fetch() would normalise the dot segments before they reach the host.
    for (const path of [
      '/../clinicsync-outside.txt',
      '/%2e%2e/clinicsync-outside.txt',
      '/..%2fclinicsync-outside.txt',
      '/..%5cclinicsync-outside.txt',
    ]) {
      expect(await rawGet(host.port, `${path}?token=${host.token}`), path).toBe(404);
    }
  });

  it('refuses a socket from a foreign Origin even with the token', async () => {
    expect(await connect({ token: host.token, origin: 'https://evil.example' })).toBe(403);
    expect(await connect({ token: host.token })).toBe(403);
  });

  it('refuses a socket without a valid token', async () => {
    expect(await connect({ origin: host.origin })).toBe(401);
    expect(await connect({ origin: host.origin, token: 'nope' })).toBe(401);
  });

  it('answers contract calls over an authorised socket, with the same validation as IPC', async () => {
    const socket = await connect({ origin: host.origin, cookie: `clinicsync_token=${host.token}` });
    if (typeof socket === 'number') throw new Error(`socket refused: ${socket}`);
    expect(await invoke(socket, 'app:info', {})).toEqual({
      type: 'result',
      id: 7,
      envelope: { ok: true, value: expect.objectContaining({ version: '9.9.9', runtime: 'browser' }) },
    });
    expect(await invoke(socket, 'app:info', { injected: 1 })).toMatchObject({ envelope: { ok: false, error: { code: 'invalid_input' } } });
    expect(await invoke(socket, 'shell:exec', {})).toMatchObject({ envelope: { ok: false, error: { code: 'unknown_channel' } } });
    socket.close();
  });

  it('closes a socket that sends something other than a request', async () => {
    const socket = await connect({ origin: host.origin, token: host.token });
    if (typeof socket === 'number') throw new Error(`socket refused: ${socket}`);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"type":"invoke","id":"x"');
    expect(await closed).toBe(1003);
  });

  it('refuses to bind to a non-loopback address unless forced', async () => {
    await expect(startHost({ dispatch: async () => ({ ok: true, value: null }), rendererDir, host: '0.0.0.0' })).rejects.toThrow(
      /only listens on 127\.0\.0\.1/,
    );
  });
});
