import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openCache, type Cache, type CacheKey } from '../../../electron/core/db';
import type { Notice } from '../../../electron/core/notices';
import type { RemoteAppointment, RemotePatient } from '../../../electron/core/domain';

export const SOURCE = 'cliniko-main';
export const KEY: CacheKey = { kind: 'encrypted', hexKey: '5f'.repeat(32) };
export const T0 = '2025-06-01T00:00:00.000Z';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A temporary folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clinicsync-db-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestCache {
  cache: Cache;
  file: string;
  dir: string;
  notices: Notice[];
}

/** An encrypted cache in a temp folder with one Cliniko source, closed after the test. */
export function openTestCache(options: { key?: CacheKey; dir?: string; withSource?: boolean } = {}): TestCache {
  const dir = options.dir ?? tempDir();
  const file = path.join(dir, 'cache.db');
  const notices: Notice[] = [];
  const cache = openCache({ file, key: options.key ?? KEY, onNotice: (n) => notices.push(n) });
  cleanups.push(() => {
    if (cache.db.open) cache.close();
  });
  if (options.withSource ?? true) {
    cache.sources.add({ id: SOURCE, kind: 'cliniko', name: 'Main clinic', baseUrl: null, credentialRef: 'cliniko-key' }, T0);
  }
  return { cache, file, dir, notices };
}

export function remotePatient(externalId: string, overrides: Partial<RemotePatient> = {}): RemotePatient {
  return {
    source: SOURCE,
    externalId,
    firstName: 'Aroha',
    lastName: 'Ngata',
    email: `patient${externalId.slice(-6)}@example.test`,
    phone: '0412 345 678',
    dateOfBirth: '1984-02-29',
    archived: false,
    deleted: false,
    remoteUpdatedAt: '2025-05-01T10:00:00.000Z',
    ...overrides,
  };
}

export function remoteAppointment(externalId: string, overrides: Partial<RemoteAppointment> = {}): RemoteAppointment {
  return {
    source: SOURCE,
    externalId,
    patientExternalId: '836447129235883061',
    practitionerExternalId: '1001',
    practitionerName: 'Dr Mei Chen',
    serviceName: 'Initial consult',
    locationName: 'Main St',
    startsAt: '2025-06-10T09:00:00.000Z',
    endsAt: '2025-06-10T09:30:00.000Z',
    status: 'booked',
    cancelledAt: null,
    cancellationReason: null,
    telehealthUrl: null,
    deleted: false,
    remoteUpdatedAt: '2025-05-20T08:00:00.000Z',
    ...overrides,
  };
}
