/** Runs `fn` once soon; the console's default waits for the next frame (a timer while the tab is hidden). */
export type FrameScheduler = (fn: () => void) => void;

/** requestAnimationFrame pauses in a hidden tab; a timer keeps the state current for when it returns. */
export const nextFrame: FrameScheduler = (fn) => {
  if (document.hidden) window.setTimeout(fn, 250);
  else requestAnimationFrame(fn);
};

/**
 * Collects items as they arrive and hands them over together, in arrival order, at most once per
 * frame: a fast event stream then costs one store update (one React render) per frame.
 */
export function frameBatch<T>(apply: (items: T[]) => void, schedule: FrameScheduler): (item: T) => void {
  let pending: T[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const items = pending;
    pending = [];
    apply(items);
  };
  return (item) => {
    pending.push(item);
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };
}
