import type { ProgressBarTarget } from './electron-like';

/**
 * The sync's progress on the taskbar button (Windows), dock icon (macOS) or launcher (Linux with
 * Unity's LauncherEntry). The window may be gone (closed to tray and destroyed): then nothing shows.
 */
export class TaskbarProgress {
  #shown = false;

  constructor(private readonly target: () => ProgressBarTarget | null) {}

  show(percent: number | null): void {
    const window = this.target();
    if (!window) return;
    if (percent === null) window.setProgressBar(2, { mode: 'indeterminate' });
    else window.setProgressBar(Math.max(0, Math.min(100, percent)) / 100, { mode: 'normal' });
    this.#shown = true;
  }

  clear(): void {
    if (!this.#shown) return;
    this.target()?.setProgressBar(-1, { mode: 'none' });
    this.#shown = false;
  }
}
