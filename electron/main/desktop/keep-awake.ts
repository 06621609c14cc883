import type { PowerSaveBlockerLike } from './electron-like';

/**
 * Keeps the computer from sleeping while a sync runs (the display may still turn off), so a nightly
 * sync is not cut off halfway. Idempotent: call `update` on every state change.
 */
export class KeepAwake {
  #blockerId: number | null = null;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  update(syncing: boolean): void {
    if (syncing && this.#blockerId === null) {
      this.#blockerId = this.blocker.start('prevent-app-suspension');
    } else if (!syncing && this.#blockerId !== null) {
      if (this.blocker.isStarted(this.#blockerId)) this.blocker.stop(this.#blockerId);
      this.#blockerId = null;
    }
  }

  get active(): boolean {
    return this.#blockerId !== null;
  }
}
