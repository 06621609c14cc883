import { connectorErrors } from '../errors';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The clock, sleeper and dice the HTTP layer uses; tests may replace any of them. */
export interface Timing {
  now(): number;
  sleep: Sleep;
  random(): number;
}

/** Throws the `cancelled` connector error when the caller has given up. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw connectorErrors.cancelled();
}

/** A sleep that ends early, with the `cancelled` error, when the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(connectorErrors.cancelled());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(connectorErrors.cancelled());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function realTiming(overrides: { now?: () => Date; sleep?: Sleep; random?: () => number } = {}): Timing {
  const now = overrides.now;
  return {
    now: now ? () => now().getTime() : () => Date.now(),
    sleep: overrides.sleep ?? abortableSleep,
    random: overrides.random ?? Math.random,
  };
}

/** Resolves when `promise` settles or rejects with `cancelled` as soon as the signal aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(connectorErrors.cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(connectorErrors.cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
