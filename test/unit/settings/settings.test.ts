import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../electron/core/errors';
import { defaultAppSettings } from '../../../electron/core/settings/app-settings';
import { FileSettingsStore, SETTINGS_FILE } from '../../../electron/core/settings/file-settings-store';
import { applySettingsChange } from '../../../electron/core/settings/settings-update';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinicsync-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('settings', () => {
  it('start from sensible defaults: nightly at 03:00, 90 days each way, automatic discovery', () => {
    const settings = defaultAppSettings();
    expect(settings.schedule.nightly).toEqual({ enabled: true, time: '03:00' });
    expect(settings.sync).toEqual({ daysBack: 90, daysForward: 90, discovery: 'automatic' });
    expect(settings.appearance).toBe('system');
    expect(settings.retention).toEqual({ activityDays: 90, runDays: 730, changeDays: 365 });
  });

  it('fill in history retention for settings saved before it existed, and change it field by field', () => {
    const dir = dataDir();
    const { retention: _older, ...saved } = defaultAppSettings();
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ ...saved, appearance: 'dark' }));
    const store = new FileSettingsStore(dir, () => {});
    expect(store.read()).toMatchObject({ appearance: 'dark', retention: { activityDays: 90, runDays: 730, changeDays: 365 } });
    store.write(applySettingsChange(store.read(), { retention: { activityDays: 30 } }));
    expect(new FileSettingsStore(dir, () => {}).read().retention).toEqual({ activityDays: 30, runDays: 730, changeDays: 365 });
  });

  it('reject history retention outside a week to ten years, or not a whole number of days, with a message per field', () => {
    const current = defaultAppSettings();
    expect(() => applySettingsChange(current, { retention: { activityDays: 3, runDays: 4000, changeDays: 30.5 } })).toThrow(
      expect.objectContaining({
        code: 'invalid_settings',
        details: {
          fields: [
            { field: 'retention.activityDays', message: 'Activity log lines must be kept for at least 7 days.' },
            { field: 'retention.runDays', message: 'Sync runs can be kept for at most 3650 days (10 years).' },
            { field: 'retention.changeDays', message: 'Appointment changes must be kept for a whole number of days.' },
          ],
        },
      }),
    );
    expect(() => applySettingsChange(current, { retention: { runDays: null } })).toThrow('Sync runs must be kept for a number of days.');
    expect(current.retention.activityDays).toBe(90);
  });

  it('persist and reload', () => {
    const dir = dataDir();
    const store = new FileSettingsStore(dir, () => {});
    store.write(applySettingsChange(store.read(), { sync: { daysForward: 30 }, appearance: 'dark' }));
    const reloaded = new FileSettingsStore(dir, () => {}).read();
    expect(reloaded.sync.daysForward).toBe(30);
    expect(reloaded.sync.daysBack).toBe(90);
    expect(reloaded.appearance).toBe('dark');
  });

  it('reject an invalid change field by field and keep the old settings', () => {
    const current = defaultAppSettings();
    let error: unknown;
    try {
      applySettingsChange(current, { sync: { daysBack: 0 }, schedule: { nightly: { time: '25:99' } }, contactEmail: 'nope' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserFacingError);
    const fields = ((error as UserFacingError).details as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['contactEmail', 'schedule.nightly.time', 'sync.daysBack']);
    expect(current.sync.daysBack).toBe(90);
  });

  it('refuse prototype-pollution and unknown keys in a change, naming each', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"sync":{"daysBack":10,"constructor":{}},"theme":"dark"}');
    expect(() => applySettingsChange(defaultAppSettings(), hostile)).toThrow(
      expect.objectContaining({
        code: 'invalid_settings',
        details: {
          fields: ['__proto__', 'sync.constructor', 'theme'].map((field) => ({ field, message: `There is no setting called "${field}".` })),
        },
      }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('move a corrupt or invalid file aside, start from defaults and say so', () => {
    for (const [content, problem] of [
      ['{ not json', 'could not be read'],
      [JSON.stringify({ sync: { daysBack: 'lots' } }), '(sync.daysBack: Days back must be a number of days.)'],
      [
        JSON.stringify({ retention: { activityDays: 0 } }),
        '(retention.activityDays: Activity log lines must be kept for at least 7 days.)',
      ],
    ] as const) {
      const dir = dataDir();
      writeFileSync(join(dir, SETTINGS_FILE), content);
      const notices: string[] = [];
      const store = new FileSettingsStore(dir, (m) => notices.push(m));
      expect(store.read()).toEqual(defaultAppSettings());
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/default settings/);
      expect(notices[0]).toContain(problem);
      const aside = readdirSync(dir).find((f) => f.startsWith(`${SETTINGS_FILE}.invalid-`));
      expect(aside).toBeDefined();
      expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe(content);
    }
  });
});
