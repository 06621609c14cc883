import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPngHeader } from '../../../../scripts/png-encoder';
import { autostartEntry, HIDDEN_LAUNCH_ARG, openAtLoginFor, startedAtLogin } from '../../../../electron/main/desktop/login-item';
import { trayIconFile } from '../../../../electron/main/desktop/tray-icons';
import { TRAY_ICON_NAMES } from '../../../../electron/main/desktop/tray-menu';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeLoginItems() {
  const calls: unknown[] = [];
  let openAtLogin = false;
  return {
    calls,
    getLoginItemSettings: (options?: { args?: string[] }) => {
      calls.push(['get', options]);
      return { openAtLogin };
    },
    setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => {
      calls.push(['set', settings]);
      openAtLogin = settings.openAtLogin;
    },
  };
}

describe('open at login', () => {
  it('uses Electron login items on Windows (started hidden) and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const loginItems = fakeLoginItems();
      const login = openAtLoginFor({ platform, loginItems, autostartDir: '/unused', command: [] });
      expect(login?.isEnabled()).toBe(false);
      login?.setEnabled(true);
      expect(login?.isEnabled()).toBe(true);
      const args = platform === 'win32' ? [HIDDEN_LAUNCH_ARG] : undefined;
      expect(loginItems.calls[1]).toEqual(['set', args ? { openAtLogin: true, args } : { openAtLogin: true }]);
    }
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinicsync-autostart-'));
    dirs.push(dir);
    const autostartDir = join(dir, 'autostart');
    const login = openAtLoginFor({
      platform: 'linux',
      loginItems: fakeLoginItems(),
      autostartDir,
      command: ['/opt/Clinic Sync/clinicsync'],
    });
    expect(login?.isEnabled()).toBe(false);
    login?.setEnabled(true);
    const entry = readFileSync(join(autostartDir, 'clinicsync.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/Clinic Sync/clinicsync" --hidden');
    expect(login?.isEnabled()).toBe(true);
    login?.setEnabled(false);
    expect(existsSync(join(autostartDir, 'clinicsync.desktop'))).toBe(false);
    expect(openAtLoginFor({ platform: 'freebsd', loginItems: fakeLoginItems(), autostartDir, command: [] })).toBeNull();
  });

  it('quotes Exec arguments as the desktop entry spec asks', () => {
    expect(autostartEntry(['/usr/bin/clinicsync', '--hidden'])).toContain('Exec=/usr/bin/clinicsync --hidden\n');
    expect(autostartEntry(['/home/a/50%/app $x'])).toContain('Exec="/home/a/50%%/app \\\\$x"');
    expect(autostartEntry(['C:\\odd"path'])).toContain('Exec="C:\\\\\\\\odd\\\\"path"');
  });

  it('knows a launch at login by its argument', () => {
    expect(startedAtLogin(['/usr/bin/clinicsync', HIDDEN_LAUNCH_ARG])).toBe(true);
    expect(startedAtLogin(['/usr/bin/clinicsync'])).toBe(false);
  });
});

describe('tray icons', () => {
  it('exist for every state at 16 px and 32 px (@2x), as RGBA PNGs', () => {
    for (const name of TRAY_ICON_NAMES) {
      const file = trayIconFile(join(ROOT, 'resources'), name);
      expect(readPngHeader(readFileSync(file))).toEqual({ width: 16, height: 16, bitDepth: 8, colourType: 6 });
      expect(readPngHeader(readFileSync(file.replace(/\.png$/, '@2x.png')))).toEqual({ width: 32, height: 32, bitDepth: 8, colourType: 6 });
    }
  });
});
