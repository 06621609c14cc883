/**
 * The least time N requests can take through a limiter that allows L requests per window of W ms and
 * lets a window's burst through at once: the first L go at t = 0, each later window adds W, so the
 * last request cannot start before (⌈N/L⌉ − 1)·W. Zero when everything fits in the first burst, where
 * no pacing can be judged.
 */
export function burstAwareFloorMs(requests: number, perWindow: number, windowMs: number): number {
  return (Math.ceil(requests / perWindow) - 1) * windowMs;
}

/** Elapsed ÷ the burst-aware floor, or null when the floor is zero (the requests fit in one burst). */
export function pacingRatio(elapsedMs: number, requests: number, perWindow: number, windowMs: number): number | null {
  const floor = burstAwareFloorMs(requests, perWindow, windowMs);
  return floor > 0 ? elapsedMs / floor : null;
}

export const PACING_NOTE =
  'Pacing = elapsed ÷ the burst-aware floor (⌈N/L⌉ − 1)·W for N requests at L per window of W: the limiter lets a window’s burst through, so requests ÷ rate is no lower bound. Ratios at or above 1 mean the floor held; reported only when the requests span more than one window.';
