export interface Notice {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/**
 * Things the user must be told once, such as "the cache was damaged and moved aside": kept for the
 * console to show on load and pushed to anyone listening.
 */
export class NoticeBoard {
  readonly #notices: Notice[] = [];
  readonly #listeners = new Set<(notice: Notice) => void>();

  add(notice: Notice): void {
    this.#notices.push(notice);
    for (const listener of this.#listeners) listener(notice);
  }

  list(): Notice[] {
    return [...this.#notices];
  }

  subscribe(listener: (notice: Notice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
