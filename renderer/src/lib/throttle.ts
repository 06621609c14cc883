/**
 * Calls `fn` at most once per `ms`: at once on the first call, then once more at the end of the
 * window if calls arrived during it (so the last state is never missed). `cancel` drops a pending call.
 */
export function throttle(fn: () => void, ms: number, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis) {
  let last = -Infinity;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    pending = null;
    last = Date.now();
    fn();
  };
  const throttled = (): void => {
    if (pending !== null) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else pending = timers.setTimeout(run, wait);
  };
  throttled.cancel = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return throttled;
}
