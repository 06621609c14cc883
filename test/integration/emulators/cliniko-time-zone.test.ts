import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { clinikoHeaders, getJson, TEST_OPTIONS } from './helpers';

/** Spec §9.4 and §9.6: where a client reads the practice's time zone. */
describe('Cliniko emulator: the practice’s time zone', () => {
  let emu: RunningEmulator<ClinikoControl>;
  beforeAll(async () => {
    emu = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 10, timeZone: 'America/Los_Angeles' });
  });
  afterAll(() => emu.close());

  it('gives each business a time_zone label and the IANA time_zone_identifier of the practice', async () => {
    const page = await getJson<{ businesses: Array<{ time_zone: string; time_zone_identifier: string }> }>(
      `${emu.url}/businesses`,
      clinikoHeaders(emu.apiKey),
    );
    expect(page.businesses.length).toBeGreaterThan(0);
    for (const business of page.businesses) {
      expect(business.time_zone_identifier).toBe('America/Los_Angeles');
      expect(business.time_zone).toBe('Los Angeles');
    }
  });

  it('gives the user the practice’s zone', async () => {
    const user = await getJson<{ time_zone: string | null }>(`${emu.url}/user`, clinikoHeaders(emu.apiKey));
    expect(user.time_zone).toBe('America/Los_Angeles');
  });
});
