/**
 * A rate-limit wait this long has room for the work put off until then: building the indexes a first
 * load of 20,000 patients left out took 0.8 s (bench: sync). Shorter waits are the limiter spacing
 * requests out, where the work would hold the next request back.
 */
const ROOM_MS = 2_000;

/**
 * Work a run does while the rate limit makes it wait anyway: a request waiting until T means the run
 * cannot end before T, so work done meanwhile costs it no time, where done at the end it would add
 * to it. Queued tasks run once, as soon as a wait with room is on (what never found one is done by
 * the store as the run ends, see db/first-load-deferral.ts); `everyWait` runs once in each such wait
 * (the cache's write-ahead log written into its file, which the commit that fills the log would
 * otherwise do: 0.4 s at the end of a 20,000-patient first load).
 */
export class IdleWork {
  #tasks: Array<() => void> = [];
  #closed = false;
  #scheduled = false;
  /** Until when some request of the run waits for the rate limit. */
  #waitEndsAt = 0;
  /** The end of the wait `everyWait` last ran in. */
  #everyWaitRanUntil = 0;

  constructor(
    private readonly now: () => Date,
    private readonly onError: (err: unknown) => void,
    private readonly everyWait: () => void,
  ) {}

  add(task: () => void): void {
    if (this.#closed) return;
    this.#tasks.push(task);
    this.#runIfRoom();
  }

  /** A request began waiting for the rate limit, until `until`. */
  waiting(until: Date): void {
    this.#waitEndsAt = Math.max(this.#waitEndsAt, until.getTime());
    this.#runIfRoom();
  }

  /** The run is ending: nothing more runs from here. */
  close(): void {
    this.#closed = true;
    this.#tasks = [];
  }

  #runIfRoom(): void {
    const now = this.now().getTime();
    if (this.#closed || this.#scheduled || this.#waitEndsAt - now < ROOM_MS) return;
    const newWait = this.#everyWaitRanUntil <= now;
    if (this.#tasks.length === 0 && !newWait) return;
    this.#scheduled = true;
    // After the current turn: waits are announced from inside the limiter, tasks from a phase's step.
    setImmediate(() => {
      this.#scheduled = false;
      const tasks = this.#tasks.splice(0);
      if (newWait) {
        tasks.push(this.everyWait);
        this.#everyWaitRanUntil = this.#waitEndsAt;
      }
      for (const task of tasks) {
        if (this.#closed) return;
        try {
          task();
        } catch (err) {
          this.onError(err);
        }
      }
    });
  }
}
