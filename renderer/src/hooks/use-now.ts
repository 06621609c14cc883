import { useSyncExternalStore } from 'react';

/*
 * One shared clock for relative times ("3 h ago") and freshness colours, ticking every 15 seconds.
 * Every component reading it re-renders together, once per tick, instead of each keeping a timer.
 */
const TICK_MS = 15_000;
let now = new Date();
const listeners = new Set<() => void>();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    timer = window.setInterval(() => {
      now = new Date();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, refreshed every 15 s. */
export function useNow(): Date {
  return useSyncExternalStore(subscribe, () => now);
}
