import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoginItemsLike } from './electron-like';

/** Given to the app when the system starts it at login: it then starts in the tray, without a window. */
export const HIDDEN_LAUNCH_ARG = '--hidden';

export interface OpenAtLogin {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export interface OpenAtLoginOptions {
  platform: NodeJS.Platform;
  /** `app` (macOS and Windows). */
  loginItems: LoginItemsLike;
  /** Linux: the XDG autostart folder (`$XDG_CONFIG_HOME/autostart`). */
  autostartDir: string;
  /** Linux: the command that starts ClinicSync (the AppImage path, or the installed binary). */
  command: string[];
}

/** Whether the app was started by the system at login, so it should open in the tray only. */
export function startedAtLogin(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_LAUNCH_ARG);
}

/** Open at login through Electron on macOS and Windows, an XDG autostart entry on Linux; null elsewhere. */
export function openAtLoginFor(options: OpenAtLoginOptions): OpenAtLogin | null {
  const { platform, loginItems } = options;
  if (platform === 'darwin' || platform === 'win32') {
    // Windows matches the entry by its arguments too, so ask with the same ones.
    const args = platform === 'win32' ? [HIDDEN_LAUNCH_ARG] : undefined;
    return {
      isEnabled: () => loginItems.getLoginItemSettings(args ? { args } : undefined).openAtLogin,
      setEnabled: (enabled) => loginItems.setLoginItemSettings(args ? { openAtLogin: enabled, args } : { openAtLogin: enabled }),
    };
  }
  if (platform === 'linux') return linuxAutostart(options.autostartDir, options.command);
  return null;
}

function linuxAutostart(autostartDir: string, command: string[]): OpenAtLogin {
  const file = path.join(autostartDir, 'clinicsync.desktop');
  return {
    isEnabled: () => existsSync(file),
    setEnabled(enabled) {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(autostartDir, { recursive: true });
      writeFileSync(file, autostartEntry([...command, HIDDEN_LAUNCH_ARG]), { mode: 0o644 });
    },
  };
}

/** A desktop entry per the XDG Desktop Entry spec (quoted Exec arguments, `%` doubled). */
export function autostartEntry(argv: string[]): string {
  const exec = argv.map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=ClinicSync',
    `Exec=${exec}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

function quoteExecArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped)) return escaped;
  // Inside the quotes ", `, $ and \ get a backslash; then the value's own escaping doubles every backslash.
  const quoted = escaped.replace(/(["`$\\])/g, '\\$1');
  return `"${quoted.replace(/\\/g, '\\\\')}"`;
}
