import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient, RemotePatient } from '../../../electron/core/domain';
import { openDirectCliCache, type DirectCliCache } from '../../support/direct-cli-cache';
import { runCli, startCli } from '../../support/run-cli';

const PATIENTS = 80_000;
let clinic: DirectCliCache;
let env: NodeJS.ProcessEnv;

/** A cache filled directly (not by a sync): only the export is under test here. */
beforeAll(() => {
  clinic = openDirectCliCache('export');
  env = clinic.env;
  const { cache } = clinic;
  for (let start = 0; start < PATIENTS; start += 1000) {
    const page: RemotePatient[] = Array.from({ length: 1000 }, (_, i) => ({
      source: 'north',
      externalId: String(9_000_000_000_000 + start + i),
      firstName: `First "${start + i}"`,
      lastName: start + i === 7 ? '=cmd|calc' : `Last, ${start + i}`,
      email: `p${start + i}@example.com`,
      phone: '0400 000 000',
      dateOfBirth: '1980-02-03',
      archived: (start + i) % 10 === 0,
      deleted: false,
      remoteUpdatedAt: '2026-01-01T00:00:00.000Z',
    }));
    cache.patients.upsertPage('north', page, '2026-02-01T00:00:00.000Z');
  }
  cache.close();
}, 120_000);

afterAll(() => clinic.remove());

describe('clinicsync export', () => {
  it('streams tens of megabytes of JSON to a slow reader, whole, with the domain field names', async () => {
    const { child, result } = startCli(['export', 'patients', '--format', 'json'], env);
    // A reader that falls behind: the CLI must wait for it rather than buffer or cut the output short.
    child.stdout?.pause();
    setTimeout(() => child.stdout?.resume(), 300);
    const out = await result;
    expect(out.code).toBe(0);
    expect(out.stdout.length).toBeGreaterThan(10_000_000);
    const patients = JSON.parse(out.stdout) as Patient[];
    expect(patients).toHaveLength(PATIENTS);
    expect(Object.keys(patients[0] as Patient)).toEqual([
      'source',
      'sourceName',
      'externalId',
      'firstName',
      'lastName',
      'email',
      'phone',
      'dateOfBirth',
      'archived',
      'deleted',
      'remoteUpdatedAt',
      'lastSyncedAt',
    ]);
    expect(patients[3]).toMatchObject({
      source: 'north',
      sourceName: 'Northside',
      externalId: '9000000000003',
      firstName: 'First "3"',
      archived: false,
      dateOfBirth: '1980-02-03',
    });
  }, 60_000);

  it('writes CSV a spreadsheet reads safely: quoted commas and quotes, formulas neutralised', async () => {
    const out = await runCli(['export', 'patients', '--format', 'csv', '--source', 'Northside'], env);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'source,sourceName,externalId,firstName,lastName,email,phone,dateOfBirth,archived,deleted,remoteUpdatedAt,lastSyncedAt',
    );
    expect(lines).toHaveLength(PATIENTS + 2);
    expect(lines[2]).toMatch(/^north,Northside,9000000000001,/);
    expect(out.stdout).toContain('"First ""1""","Last, 1"');
    expect(out.stdout).toContain(",'=cmd|calc,");
  }, 60_000);

  it('refuses an unknown export kind or format with exit code 2', async () => {
    expect((await runCli(['export', 'secrets', '--format', 'json'], env)).code).toBe(2);
    expect((await runCli(['export', 'patients', '--format', 'xml'], env)).code).toBe(2);
    const missing = await runCli(['export', 'patients'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--format/);
  });
});
