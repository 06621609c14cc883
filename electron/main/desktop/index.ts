/**
 * The desktop shell (tray, notifications, taskbar progress, keep-awake, close-to-tray, open at login)
 * and the desktop's stores (safeStorage secrets and cache key, electron-store settings).
 *
 * Everything but electron-adapters.ts runs in plain Node with Electron's APIs injected; import the
 * adapters only from the Electron entry point (electron/main/index.ts).
 */
export type { DesktopAppPort, DesktopStatus, DesktopProgress, FinishedSync, LastRunView } from './ports';
export { finishedSyncFromRun, countsSummary, reasonFor, needsAttention } from './run-wording';
export { revealWindow } from './close-to-tray';
export { HIDDEN_LAUNCH_ARG, startedAtLogin } from './login-item';
export type { Desktop } from './start-desktop';
