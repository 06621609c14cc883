import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ianaZone, mostCommonZone } from '../../../electron/core/connectors/cliniko/time-zone';
import { connectorFor, fakeCliniko } from './support/fake-cliniko';
import { sendJson } from './support/loopback-server';

const business = (zone: unknown, label = 'Melbourne') => ({ id: '1', business_name: 'Main', time_zone: label, time_zone_identifier: zone });
const businesses = (rows: unknown[]) => (_url: URL, res: ServerResponse) =>
  sendJson(res, 200, { businesses: rows, total_entries: rows.length, links: { self: 'x' } });
const user = (zone: unknown) => (_url: URL, res: ServerResponse) =>
  sendJson(res, 200, { first_name: 'Rosa', last_name: 'Admin', role: 'Administrator', time_zone: zone });
const refused = (_url: URL, res: ServerResponse) => sendJson(res, 403, { message: 'Forbidden' });

describe('the practice time zone Cliniko reports', () => {
  it('reads IANA names, in their canonical spelling, and refuses labels and unknown names', () => {
    expect(ianaZone('Australia/Melbourne')).toBe('Australia/Melbourne');
    expect(ianaZone('australia/melbourne')).toBe('Australia/Melbourne');
    expect(ianaZone('Melbourne')).toBeNull();
    expect(ianaZone('Eastern Time (US & Canada)')).toBeNull();
    expect(ianaZone('Mars/Olympus_Mons')).toBeNull();
    expect(ianaZone('')).toBeNull();
    expect(ianaZone(null)).toBeNull();
    expect(ianaZone(10)).toBeNull();
  });

  it('takes the zone most locations share, the first listed on a tie', () => {
    expect(mostCommonZone(['Australia/Perth', 'Australia/Sydney', 'Australia/Sydney'])).toBe('Australia/Sydney');
    expect(mostCommonZone(['Australia/Perth', 'Australia/Sydney'])).toBe('Australia/Perth');
    expect(mostCommonZone(['Perth', null, 'Australia/Sydney'])).toBe('Australia/Sydney');
    expect(mostCommonZone([])).toBeNull();
  });

  it('comes from the businesses’ time_zone_identifier, not the time_zone label, in one request', async () => {
    const server = await fakeCliniko({
      '/v1/businesses': businesses([business('Australia/Brisbane', 'Brisbane'), business('Australia/Brisbane', 'Brisbane')]),
      '/v1/user': user('Europe/London'),
    });
    expect(await connectorFor(server).practiceTimeZone()).toBe('Australia/Brisbane');
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual(['/v1/businesses']);
  });

  it('falls back to the user’s zone when no business names an IANA zone', async () => {
    const server = await fakeCliniko({
      '/v1/businesses': businesses([business(null), business('Melbourne')]),
      '/v1/user': user('Pacific/Auckland'),
    });
    expect(await connectorFor(server).practiceTimeZone()).toBe('Pacific/Auckland');
  });

  it('falls back to the user’s zone when the key may not list businesses (a receptionist’s role)', async () => {
    const server = await fakeCliniko({ '/v1/businesses': refused, '/v1/user': user('America/Toronto') });
    expect(await connectorFor(server).practiceTimeZone()).toBe('America/Toronto');
  });

  it('is null when neither says, rather than a guess', async () => {
    const server = await fakeCliniko({ '/v1/businesses': businesses([]), '/v1/user': user('Melbourne') });
    expect(await connectorFor(server).practiceTimeZone()).toBeNull();
    const silent = await fakeCliniko({ '/v1/businesses': refused, '/v1/user': refused });
    expect(await connectorFor(silent).practiceTimeZone()).toBeNull();
  });
});
