import type { Api } from '../api/client';
import { onceAfter } from '../lib/once-after';

type Timers = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;

/** A store a finished sync can outdate: it knows whether its page was opened, and reloads. */
interface Reloadable {
  getState(): { status: string; load(): Promise<void> };
}

/**
 * Reloads the store half a second after a burst of finished syncs, once its page was opened (an
 * idle store has nothing on screen to outdate). Returns the unbinding.
 */
export function reloadAfterSyncs(store: Reloadable, on: Api['on'], timers?: Timers): () => void {
  const reload = onceAfter(() => void store.getState().load(), 500, timers);
  const off = on('sync:finished', () => {
    if (store.getState().status !== 'idle') reload();
  });
  return () => {
    reload.cancel();
    off();
  };
}
