import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn } from '../../support/files-in';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 150, latencyMs: { min: 0, max: 0 }, now: clock.now });
  t = openTestService({ now: clock.now });
  await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  // A malformed record and a failing page make the engine log record-level errors too.
  emulator.setFaults({ malformedRecordRate: 0.05, serverErrorRate: 0.05 });
  const start = await t.service.sync.start({ mode: 'full', trigger: 'manual' });
  await start.done;
  emulator.setFaults({});
}, 60_000);

afterAll(async () => {
  await t.dispose();
  await emulator.close();
});

/** Identifying values of every seeded patient, as a log line would carry them. */
function seededIdentifiers(): string[] {
  return emulator.control
    .patients()
    .flatMap((p) => [
      `${p.first_name} ${p.last_name}`,
      p.last_name.length > 3 ? p.last_name : '',
      p.email ?? '',
      p.date_of_birth ?? '',
      ...(p.patient_phone_numbers ?? []).map((n) => n.number),
    ])
    .filter((value) => value.length > 3);
}

describe('secrets and patient data after a full sync', () => {
  it('leaves no API key or database key in plaintext anywhere in the data folder', () => {
    const key = t.env.CLINICSYNC_DB_KEY as string;
    for (const file of filesIn(t.dataDir)) {
      expect(file.text, file.name).not.toContain(emulator.apiKey);
      expect(file.text.toLowerCase(), file.name).not.toContain(key);
    }
  });

  it('writes logs that name no patient, email, phone or birth date', () => {
    const logs = filesIn(path.join(t.dataDir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((f) => f.text).join('')).toMatch(/Synced|completed|partial/);
    const identifiers = seededIdentifiers();
    for (const log of logs) for (const value of identifiers) expect(log.text, `${log.name} contains patient data`).not.toContain(value);
  });

  it('keeps the settings file free of keys', () => {
    t.service.settings.update({ contactEmail: 'admin@clinic.example', sync: { daysBack: 30 } });
    const settings = readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings)).toMatchObject({ contactEmail: 'admin@clinic.example', sync: { daysBack: 30 } });
    expect(settings).not.toContain(emulator.apiKey);
    expect(settings).not.toContain(t.env.CLINICSYNC_DB_KEY as string);
  });

  it('exports a support bundle with history and logs but no keys and no patient data', () => {
    const bundle = t.service.supportBundle();
    const entries = unzipSync(readFileSync(bundle.path));
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['README.txt', 'versions.json', 'settings.json', 'runs.json', 'activity.json', 'logs/clinicsync.log']),
    );
    const text = Object.values(entries)
      .map((data) => strFromU8(data))
      .join('\n');
    expect(text).not.toContain(emulator.apiKey);
    expect(text).not.toContain(t.env.CLINICSYNC_DB_KEY as string);
    for (const value of seededIdentifiers()) expect(text).not.toContain(value);
    const runs = JSON.parse(strFromU8(entries['runs.json'] as Uint8Array)) as Array<{ status: string }>;
    expect(runs).toHaveLength(1);
  });
});
