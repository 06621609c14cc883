import type { WaitListener } from '../connectors';

type WaitInfo = Parameters<WaitListener>[0];

/**
 * Connects a connector's rate-limit waits to the run that uses it. The connector is built before the
 * run exists (with `listener` as its `onWait`), so the engine subscribes once the run has started.
 */
export class WaitRelay {
  #subscriber: ((info: WaitInfo) => void) | null = null;

  /** Pass as the connector's `onWait`. */
  readonly listener: WaitListener = (info) => this.#subscriber?.(info);

  /** Only one subscriber at a time (one run per connector); returns the unsubscribe. */
  subscribe(fn: (info: WaitInfo) => void): () => void {
    this.#subscriber = fn;
    return () => {
      if (this.#subscriber === fn) this.#subscriber = null;
    };
  }
}
