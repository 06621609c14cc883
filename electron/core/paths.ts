import os from 'node:os';
import path from 'node:path';

/** The product name used for per-user folders; matches Electron's `app.getPath('userData')`. */
export const APP_DIR_NAME = 'ClinicSync';

/**
 * The per-user app data folder: `CLINICSYNC_DATA_DIR` when set, else the platform's convention
 * (the same folder Electron's userData resolves to, so the desktop app and the CLI share a cache).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CLINICSYNC_DATA_DIR) return path.resolve(env.CLINICSYNC_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/**
 * Where generated cache keys live: `CLINICSYNC_KEY_DIR` when set, else a folder beside — never
 * inside — the data folder, so copying the data folder alone does not copy the key.
 */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLINICSYNC_KEY_DIR) return path.resolve(env.CLINICSYNC_KEY_DIR);
  return path.join(os.homedir(), '.clinicsync-keys');
}
