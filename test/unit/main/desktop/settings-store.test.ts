import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../../../electron/core/settings/app-settings';
import { FileSettingsStore, SETTINGS_FILE } from '../../../../electron/core/settings/file-settings-store';
import { applySettingsChange } from '../../../../electron/core/settings/settings-update';
import { ElectronSettingsStore, type CreateKeyValueFile } from '../../../../electron/main/desktop/electron-settings-store';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinicsync-estore-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// electron-store is `conf` plus Electron's userData as its default folder; the store is given its folder, so `conf` stands in for it here.
const createStore: CreateKeyValueFile = (options) => new Conf<Record<string, unknown>>({ ...options, configName: options.name });
const NOW = () => new Date('2025-03-04T05:00:00.000Z');

function open(dir: string) {
  const notices: string[] = [];
  const store = new ElectronSettingsStore({ dataDir: dir, createStore, onNotice: (message) => notices.push(message), now: NOW });
  return { store, notices };
}

describe('settings in electron-store', () => {
  it('start from defaults, persist changes and reload them', () => {
    const dir = dataDir();
    const { store, notices } = open(dir);
    expect(store.read()).toEqual(defaultAppSettings());
    store.write(applySettingsChange(store.read(), { appearance: 'dark', schedule: { nightly: { time: '02:30' } } }));
    const reloaded = open(dir).store.read();
    expect(reloaded.appearance).toBe('dark');
    expect(reloaded.schedule.nightly.time).toBe('02:30');
    expect(notices).toEqual([]);
  });

  it('share the settings file with the CLI, both ways', () => {
    const dir = dataDir();
    open(dir).store.write(applySettingsChange(defaultAppSettings(), { sync: { daysBack: 30 } }));
    const cli = new FileSettingsStore(dir, () => {});
    expect(cli.read().sync.daysBack).toBe(30);
    cli.write(applySettingsChange(cli.read(), { sync: { daysForward: 14 } }));
    expect(open(dir).store.read().sync).toMatchObject({ daysBack: 30, daysForward: 14 });
  });

  it('refuse to write invalid settings', () => {
    const { store } = open(dataDir());
    expect(() => store.write({ ...store.read(), appearance: 'neon' as never })).toThrow();
    expect(store.read().appearance).toBe('system');
  });

  it.each([
    ['a corrupt file', '{"appearance": "dark",', 'could not be read'],
    ['an empty file', '', 'could not be read'],
    ['a file that is not an object', '[1, 2, 3]', 'has values ClinicSync does not accept'],
    [
      'a file with invalid values',
      '{"appearance": "neon", "sync": {"daysBack": -4}}',
      'has values ClinicSync does not accept (sync.daysBack: Days back must be at least 1 day. appearance: Appearance must be system, light or dark.)',
    ],
  ])('move %s aside, restore defaults and say so', (_name, content, problem) => {
    const dir = dataDir();
    writeFileSync(join(dir, SETTINGS_FILE), content);
    const { store, notices } = open(dir);
    expect(store.read()).toEqual(defaultAppSettings());
    const aside = `${SETTINGS_FILE}.invalid-2025-03-04T05-00-00-000Z`;
    expect(notices).toEqual([
      `The settings file ${problem}, so ClinicSync restored the default settings. The old file was kept as ${aside}.`,
    ]);
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(content);
    // Defaults are written back, so the next launch starts clean and quiet.
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ appearance: 'system' });
    expect(open(dir).notices).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.includes('.invalid-'))).toHaveLength(1);
  });

  it('ask the store never to clear a bad file itself, and keep the file private', () => {
    const seen: Array<Parameters<CreateKeyValueFile>[0]> = [];
    new ElectronSettingsStore({
      dataDir: dataDir(),
      createStore: (options) => {
        seen.push(options);
        return createStore(options);
      },
      onNotice: () => {},
    });
    expect(seen[0]).toMatchObject({ name: 'settings', clearInvalidConfig: false, configFileMode: 0o600 });
  });
});
