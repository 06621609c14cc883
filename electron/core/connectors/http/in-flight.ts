import { connectorErrors } from '../errors';

/**
 * At most `limit` requests of a credential in flight at once, admitted first come, first served. It
 * bounds what a sync asks of the server (and holds in memory) when it fetches pages side by side; the
 * rate limiter still decides when each may go.
 */
export class InFlightCap {
  #running = 0;
  readonly #waiting: Array<{ admit: () => void }> = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('At least one request must be allowed in flight');
  }

  get running(): number {
    return this.#running;
  }

  /** Resolves with the function that frees the place (idempotent); rejects with `cancelled` on abort. */
  enter(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(connectorErrors.cancelled());
    if (this.#running < this.limit) {
      this.#running += 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          this.#running += 1;
          resolve(this.#releaser());
        },
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(connectorErrors.cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running -= 1;
      this.#waiting.shift()?.admit();
    };
  }
}
