import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SCHEDULE_STATE_FILE = 'schedule-state.json';

/**
 * The one fact the scheduler must remember across restarts: the latest slot it ran or caught up.
 * An unreadable file counts as a brand-new install (no catch-up storm), never as an error.
 */
export class ScheduleStateFile {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, SCHEDULE_STATE_FILE);
  }

  lastSlotHandled(): Date | null {
    try {
      const parsed = JSON.parse(readFileSync(this.#file, 'utf8')) as { lastSlotHandled?: unknown };
      const at = typeof parsed.lastSlotHandled === 'string' ? new Date(parsed.lastSlotHandled) : null;
      return at && !Number.isNaN(at.getTime()) ? at : null;
    } catch {
      return null;
    }
  }

  markSlotHandled(slot: Date): void {
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, JSON.stringify({ lastSlotHandled: slot.toISOString() }), { mode: 0o600 });
    renameSync(temp, this.#file);
  }
}
