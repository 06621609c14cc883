import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type HandlerMap } from '../../../electron/handlers/dispatch';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { rawGet, rawRequest } from '../../support/raw-http';

let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'clinicsync-host-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ClinicSync</title>');
  // The real dispatcher (the contract's validation) over a stand-in for the service.
  const handlers = {
    'app:info': () => ({ name: 'ClinicSync', version: '9.9.9', dataDir: '/tmp/cs', platform: process.platform, runtime: 'browser' }),
  } as unknown as HandlerMap;
  host = await startHost({ dispatch: createDispatcher(handlers, () => {}), rendererDir });
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

  it('refuses a socket from a foreign Origin even with the token', async () => {
    expect(await connect({ token: host.token, origin: 'https://evil.example' })).toBe(403);
    expect(await connect({ token: host.token })).toBe(403);
    for (const origin of [
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port}.evil.example`,
      `http://localhost.evil.example:${host.port}`,
      `HTTP://127.0.0.1:${host.port}/`,
    ]) {
      expect(await connect({ token: host.token, origin, cookie: `clinicsync_token=${host.token}` }), origin).toBe(403);
    }
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
    for (const address of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:127.0.0.1', '127.1']) {
      const warn = vi.fn();
      await expect(
        startHost({ dispatch: async () => ({ ok: true, value: null }), rendererDir, host: address, warn }),
        address,
      ).rejects.toThrow(/only listens on 127\.0\.0\.1/);
      expect(warn).not.toHaveBeenCalled();
    }
  });

  it('refuses a wrong token however close it is to the right one', async () => {
    const { token } = host;
    for (const guess of ['', token.slice(0, -1), `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      expect((await fetch(`${host.origin}/?token=${encodeURIComponent(guess)}`)).status, guess).toBe(401);
    }
    // Only the first `token` parameter counts: a right one appended after a wrong one does not help.
    expect((await fetch(`${host.origin}/?token=wrong&token=${token}`)).status).toBe(401);
    expect((await fetch(`${host.origin}/`, { headers: { cookie: `other_token=${token}` } })).status).toBe(401);
  });

  it('refuses HTTP requests from another site’s page even with the token', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `http://localhost.evil.example:${host.port}`,
    ]) {
      expect(await rawGet(host.port, `/?token=${host.token}`, { origin }), origin).toBe(403);
    }
    expect(await rawGet(host.port, `/?token=${host.token}`, { origin: host.origin })).toBe(200);
    expect(await rawGet(host.port, `/?token=${host.token}`, { origin: `http://localhost:${host.port}` })).toBe(200);
  });

  it('refuses requests addressed to another host name (DNS rebinding), on HTTP and on the socket', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `127.0.0.1.evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
      expect(await rawGet(host.port, `/?token=${host.token}`, { host: name }), name).toBe(421);
    }
    const upgrade = [
      `GET /ws?token=${host.token} HTTP/1.1`,
      `Host: evil.example:${host.port}`,
      `Origin: http://evil.example:${host.port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ].join('\r\n');
    expect(await rawRequest(host.port, upgrade)).toBe(421);
    expect(await rawGet(host.port, `/?token=${host.token}`, { host: `localhost:${host.port}` })).toBe(200);
  });

  it('answers a malformed request target with 400 and keeps serving (it used to crash the host)', async () => {
    for (const target of ['//[', 'http://[x', '//a%zz', '//%']) {
      expect(await rawRequest(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}`), target).toBe(400);
    }
    const upgrade = `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket`;
    expect(await rawRequest(host.port, upgrade)).toBe(400);
    expect((await fetch(host.url)).status).toBe(200);
  });

  it('answers only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE']) {
      expect(await rawRequest(host.port, `${method} /?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}`), method).toBe(405);
    }
  });
});
