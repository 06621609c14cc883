import type { SyncStore } from './ports';
import type { Window } from './windows';

/**
 * A window's cursor: changes since `updatedSince` are pulled next time; days after `windowEnd` are new
 * to the window and pulled whole; `sweptAt` is when the whole window was last pulled and reconciled.
 */
export interface WindowCursor {
  updatedSince: string;
  windowEnd: string;
  sweptAt?: string;
}

/** The stored cursor of a source's window, or null when there is none (or it cannot be read). */
export function readWindowCursor(store: Pick<SyncStore, 'cursors'>, source: string, phase: Window['phase']): WindowCursor | null {
  const raw = store.cursors.get(source, phase);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<WindowCursor>;
    return typeof parsed.updatedSince === 'string' && typeof parsed.windowEnd === 'string' ? (parsed as WindowCursor) : null;
  } catch {
    return null;
  }
}
