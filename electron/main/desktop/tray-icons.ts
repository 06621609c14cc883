import path from 'node:path';
import type { TrayIconName } from './tray-menu';

/**
 * The tray icon files in `resources/tray/` (made by scripts/make-tray-icons.ts): a 16 px PNG and a
 * 32 px `@2x` twin, which Electron's nativeImage picks up by itself on high-density screens.
 */
export function trayIconFile(resourcesDir: string, name: TrayIconName): string {
  return path.join(resourcesDir, 'tray', `tray-${name}.png`);
}
