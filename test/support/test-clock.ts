/**
 * The clock integration tests give the emulators and the sync engine alike, so an emulated practice
 * and the windows synced over it are the same whatever day the tests run on.
 */

/**
 * A Tuesday morning UTC, seven and a half minutes past a quarter hour: appointments sit on quarter
 * hours, so a sync window's edge (now ± whole days) cannot cross one while a test runs.
 */
export const TEST_ANCHOR = '2026-03-10T02:07:30Z';

/**
 * A clock that reads `anchor` when made and then runs at real speed (or, with `running: false`, only
 * when `advance` moves it, for tests that must not depend on how fast the machine is).
 */
export class TestClock {
  private readonly startedAt = performance.now();
  private offsetMs = 0;
  private readonly anchorMs: number;
  private readonly running: boolean;

  constructor(anchor: string | number = TEST_ANCHOR, options: { running?: boolean } = {}) {
    this.anchorMs = typeof anchor === 'number' ? anchor : Date.parse(anchor);
    if (!Number.isFinite(this.anchorMs)) throw new RangeError(`Not an instant: ${String(anchor)}`);
    this.running = options.running ?? true;
  }

  ms(): number {
    const elapsed = this.running ? Math.floor(performance.now() - this.startedAt) : 0;
    return this.anchorMs + this.offsetMs + elapsed;
  }

  /** As a `now` option: bound, so it can be passed around on its own. */
  readonly now = (): Date => new Date(this.ms());

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** The usual test clock as a bare `now` function. */
export function anchoredNow(anchor: string | number = TEST_ANCHOR): () => Date {
  return new TestClock(anchor).now;
}
