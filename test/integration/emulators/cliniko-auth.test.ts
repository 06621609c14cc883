import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { basicAuth, CLIENT_HEADERS, clinikoHeaders, TEST_OPTIONS } from './helpers';

describe('Cliniko emulator: authentication and required headers', () => {
  let emu: RunningEmulator<ClinikoControl>;
  beforeAll(async () => {
    emu = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 10 });
  });
  afterAll(() => emu.close());

  it('serves the emulator on 127.0.0.1 under /v1 with a key that names its shard', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(emu.apiKey).toMatch(/-au1$/);
  });

  it('accepts the key as the Basic username with an empty password, with or without the shard suffix', async () => {
    const withShard = await fetch(`${emu.url}/user`, { headers: clinikoHeaders(emu.apiKey) });
    expect(withShard.status).toBe(200);
    const user = (await withShard.json()) as { email: string; links: { self: string } };
    expect(user.links.self).toMatch(/^https:\/\/api\.au1\.cliniko\.com\/v1\/users\/\d+$/);
    const withoutShard = await fetch(`${emu.url}/user`, { headers: clinikoHeaders(emu.apiKey.replace(/-au1$/, '')) });
    expect(withoutShard.status).toBe(200);
  });

  it('refuses an unknown key, a password, or no credentials with the plain-text Rails 401', async () => {
    for (const authorization of [basicAuth('not-the-key-au1'), basicAuth(emu.apiKey, 'secret'), undefined]) {
      const response = await fetch(`${emu.url}/patients`, {
        headers: { ...CLIENT_HEADERS, ...(authorization ? { Authorization: authorization } : {}) },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('HTTP Basic: Access denied.\n');
    }
  });

  it('blocks requests without Accept: application/json or a User-Agent with a contact email (403)', async () => {
    const auth = { Authorization: basicAuth(emu.apiKey) };
    const noAccept = await fetch(`${emu.url}/patients`, { headers: { ...auth, 'User-Agent': CLIENT_HEADERS['User-Agent'] } });
    const anonymousAgent = await fetch(`${emu.url}/patients`, { headers: { ...auth, Accept: 'application/json', 'User-Agent': 'node' } });
    expect(noAccept.status).toBe(403);
    expect(anonymousAgent.status).toBe(403);
  });

  it('can be told to skip the header check, which the spec is unsure about', async () => {
    const lenient = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 10, requireClientHeaders: false });
    try {
      const response = await fetch(`${lenient.url}/patients`, { headers: { Authorization: basicAuth(lenient.apiKey) } });
      expect(response.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });

  it('answers unknown routes with an empty 404 and unknown ids with a JSON 404', async () => {
    const route = await fetch(`${emu.url}/no_such_resource`, { headers: clinikoHeaders(emu.apiKey) });
    expect(route.status).toBe(404);
    expect(await route.text()).toBe('');
    const record = await fetch(`${emu.url}/patients/1234567890123456789`, { headers: clinikoHeaders(emu.apiKey) });
    expect(record.status).toBe(404);
    expect(await record.json()).toEqual({ status: '404', error: 'Not Found' });
  });

  it('guards the control API with the same credentials', async () => {
    const refused = await fetch(`${emu.origin}/__emulator/stats`, { headers: { Authorization: basicAuth('wrong') } });
    expect(refused.status).toBe(401);
    const allowed = await fetch(`${emu.origin}/__emulator/stats`, { headers: { Authorization: basicAuth(emu.apiKey) } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { requests: number }).requests).toBe(emu.stats().requests);
  });
});
