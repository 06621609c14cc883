type Timers = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;

/**
 * Runs `fn` once, `ms` after the first call of a burst: calls while it is pending are folded into it,
 * so a burst of finished runs costs one reload. `cancel` drops a pending run.
 */
export function onceAfter(fn: () => void, ms: number, timers: Timers = globalThis) {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const schedule = (): void => {
    if (pending !== null) return;
    pending = timers.setTimeout(() => {
      pending = null;
      fn();
    }, ms);
  };
  schedule.cancel = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return schedule;
}
