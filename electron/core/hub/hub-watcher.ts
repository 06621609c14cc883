import { UserFacingError } from '../errors';
import type { HubSession } from './hub-session';
import { HUB_CHANNEL } from './record-log';

/** Besides NOTIFY, a running desk exchanges with the hub this often (NOTIFY does not cross every pooler). */
export const HUB_POLL_MS = 30_000;
/** After the LISTEN session is lost, a new one is tried this long after. */
const RELISTEN_MS = 10_000;

export interface HubWatcherOptions {
  pollMs?: number;
  /** After each exchange that applied records (the faces refresh what they show). */
  onApplied: (applied: number) => void;
  /** An exchange that failed, in words (the hub is down, say): logged, and tried again at the next wake. */
  onError: (message: string) => void;
  /** Unexpected failures, for the log file. */
  onInternalError: (err: unknown) => void;
}

/**
 * Keeps a long-running desk (desktop, `clinicsync serve`) in step with its hub: woken by NOTIFY when
 * another desk publishes, and polling too; each wake publishes this desk's outbox and applies the
 * others' records. Wakes that come while an exchange runs are folded into one more exchange.
 */
export class HubWatcher {
  #stopped = false;
  #running: Promise<void> | null = null;
  #again = false;
  #poll: NodeJS.Timeout | null = null;
  #relisten: NodeJS.Timeout | null = null;
  #unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly session: HubSession,
    private readonly options: HubWatcherOptions,
  ) {}

  start(): void {
    this.#poll = setInterval(() => this.wake(), this.options.pollMs ?? HUB_POLL_MS);
    this.#poll.unref();
    void this.listen();
    this.wake();
  }

  /** Exchanges now (or right after the exchange in progress). Settles when that exchange is done. */
  wake(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.exchange().finally(() => {
      this.#running = null;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        void this.wake();
      }
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#poll) clearInterval(this.#poll);
    if (this.#relisten) clearTimeout(this.#relisten);
    await this.#unlisten?.();
    await this.#running;
  }

  private async exchange(): Promise<void> {
    try {
      await this.session.publish();
      const { applied } = await this.session.catchUp();
      if (applied > 0) this.options.onApplied(applied);
    } catch (error) {
      if (error instanceof UserFacingError) this.options.onError(error.message);
      else this.options.onInternalError(error);
    }
  }

  private async listen(): Promise<void> {
    if (this.#stopped) return;
    try {
      this.#unlisten = await this.session.deps.connection.listen(
        HUB_CHANNEL,
        () => void this.wake(),
        () => this.listenLater(),
      );
      // Anything published while no one listened.
      void this.wake();
    } catch {
      this.listenLater();
    }
  }

  private listenLater(): void {
    this.#unlisten = null;
    if (this.#stopped) return;
    this.#relisten = setTimeout(() => void this.listen(), RELISTEN_MS);
    this.#relisten.unref();
  }
}
