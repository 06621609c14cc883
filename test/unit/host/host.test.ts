import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CLOSE } from '../../../electron/contract';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { invoke, openConsoleSocket, refusal, startTestHost, type TestHost } from '../../support/host-client';
import { rawGet, rawRequest } from '../../support/raw-http';

let testHost: TestHost;
let host: RunningHost;

beforeAll(async () => {
  testHost = await startTestHost();
  host = testHost.host;
});

afterAll(async () => {
  await testHost.stop();
});

describe('browser console host', () => {
  it('listens on loopback only and prints a link with the token in its fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('serves the console’s files without a token, and never sets a cookie', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${host.origin}/index.html`)).status).toBe(200);
  });

  it('refuses a socket from a foreign Origin even with the token', async () => {
    expect(await refusal(host, { token: host.token, origin: 'https://evil.example' })).toEqual({ status: 403 });
    expect(await refusal(host, { token: host.token })).toEqual({ status: 403 });
    for (const origin of [
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port}.evil.example`,
      `http://localhost.evil.example:${host.port}`,
      `HTTP://127.0.0.1:${host.port}/`,
    ]) {
      expect(await refusal(host, { token: host.token, origin }), origin).toEqual({ status: 403 });
    }
  });

  it('closes a socket without a valid token with 4401, so the page can say which link to open', async () => {
    expect(await refusal(host, { origin: host.origin })).toEqual({ closed: HOST_CLOSE.tokenRefused });
    expect(await refusal(host, { origin: host.origin, token: 'nope' })).toEqual({ closed: HOST_CLOSE.tokenRefused });
  });

  it('answers contract calls over an authorised socket, with the same validation as IPC', async () => {
    const { socket } = await openConsoleSocket(host);
    expect(socket.protocol).toBe('clinicsync.v1');
    expect(await invoke(socket, 'app:info', {})).toMatchObject({
      type: 'result',
      envelope: { ok: true, value: expect.objectContaining({ version: '9.9.9', runtime: 'browser' }) },
    });
    expect(await invoke(socket, 'app:info', { injected: 1 })).toMatchObject({ envelope: { ok: false, error: { code: 'invalid_input' } } });
    expect(await invoke(socket, 'shell:exec', {})).toMatchObject({ envelope: { ok: false, error: { code: 'unknown_channel' } } });
    socket.close();
  });

  it('closes a socket that sends something other than a request', async () => {
    const { socket, closed } = await openConsoleSocket(host);
    socket.send('{"type":"invoke","id":"x"');
    expect(await closed).toBe(HOST_CLOSE.malformed);
  });

  it('refuses to bind to a non-loopback address unless forced', async () => {
    for (const address of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '::ffff:127.0.0.1', '127.1']) {
      const warn = vi.fn();
      await expect(
        startHost({ dispatch: async () => ({ ok: true, value: null }), rendererDir: '/nonexistent', host: address, warn }),
        address,
      ).rejects.toThrow(/only listens on 127\.0\.0\.1/);
      expect(warn).not.toHaveBeenCalled();
    }
  });

  it('refuses a wrong token however close it is to the right one', async () => {
    const { token } = host;
    for (const guess of ['', token.slice(0, -1), `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      expect(await refusal(host, { origin: host.origin, token: guess }), guess).toEqual({ closed: HOST_CLOSE.tokenRefused });
    }
  });

  it('refuses HTTP requests from another site’s page', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `http://localhost.evil.example:${host.port}`,
    ]) {
      expect(await rawGet(host.port, '/', { origin }), origin).toBe(403);
    }
    expect(await rawGet(host.port, '/', { origin: host.origin })).toBe(200);
    expect(await rawGet(host.port, '/', { origin: `http://localhost:${host.port}` })).toBe(200);
  });

  it('refuses requests addressed to another host name (DNS rebinding), on HTTP and on the socket', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `127.0.0.1.evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
      expect(await rawGet(host.port, '/', { host: name }), name).toBe(421);
    }
    const upgrade = [
      'GET /ws HTTP/1.1',
      `Host: evil.example:${host.port}`,
      `Origin: http://evil.example:${host.port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      `Sec-WebSocket-Protocol: clinicsync.v1, clinicsync.token.${host.token}`,
    ].join('\r\n');
    expect(await rawRequest(host.port, upgrade)).toBe(421);
    expect(await rawGet(host.port, '/', { host: `localhost:${host.port}` })).toBe(200);
  });

  it('answers a malformed request target with 400 and keeps serving (it used to crash the host)', async () => {
    for (const target of ['//[', 'http://[x', '//a%zz', '//%']) {
      expect(await rawRequest(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}`), target).toBe(400);
    }
    const upgrade = `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: Upgrade\r\nUpgrade: websocket`;
    expect(await rawRequest(host.port, upgrade)).toBe(400);
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
  });

  it('answers only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE']) {
      expect(await rawRequest(host.port, `${method} / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}`), method).toBe(405);
    }
  });
});
