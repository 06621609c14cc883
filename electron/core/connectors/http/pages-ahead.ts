/**
 * How many pages a connector's listings may hold, all listings together: a page is held from its
 * request until its reader has stored it and asks for more (pages on their way, parsed and waiting,
 * and being stored all count). It bounds a sync's memory however many listings run side by side, and
 * decides which listing fetches first: the lower rank, then the listing that joined first. A listing
 * holding no page may ask for one beyond the limit when only worse-ranked listings hold pages and no
 * better-ranked one waits, so pages whose reader waits for a better-ranked listing (appointments for
 * the reference data) can never block it for good.
 */
export class PagesAhead {
  #held = 0;
  #joined = 0;
  readonly #open = new Set<AheadTicket>();
  /** Listings refused a place, best first. */
  readonly #waiting: AheadTicket[] = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('At least one page must be allowed ahead');
  }

  /** Pages held by every listing now. */
  get held(): number {
    return this.#held;
  }

  /** A listing's place in the share; `wake` is called when it was refused and room has come back. */
  join(rank: number, wake: () => void): AheadTicket {
    this.#joined += 1;
    const ticket = new AheadTicket(this, rank, this.#joined, wake);
    this.#open.add(ticket);
    return ticket;
  }

  /** @internal Whether `ticket` may start one more request now; a refusal puts it among the waiting. */
  admit(ticket: AheadTicket): boolean {
    const better = this.#waiting.find((other) => other !== ticket && before(other, ticket));
    if (!better && (this.#held < this.limit || this.#onlyWorseHold(ticket))) {
      this.#held += 1;
      this.#unwait(ticket);
      return true;
    }
    if (!this.#waiting.includes(ticket)) {
      const at = this.#waiting.findIndex((other) => before(ticket, other));
      this.#waiting.splice(at < 0 ? this.#waiting.length : at, 0, ticket);
    }
    return false;
  }

  /** @internal Pages given back (stored by the reader, failed, or the listing left): the waiting try again, best first. */
  release(ticket: AheadTicket, count: number): void {
    this.#held -= count;
    if (ticket.closed) {
      this.#unwait(ticket);
      this.#open.delete(ticket);
    }
    for (const waiting of this.#waiting.splice(0)) waiting.wake();
  }

  /** Nothing held by `ticket`, nor by any listing ranked as well or better. */
  #onlyWorseHold(ticket: AheadTicket): boolean {
    for (const other of this.#open) if (other.held > 0 && other.rank <= ticket.rank) return false;
    return true;
  }

  #unwait(ticket: AheadTicket): void {
    const index = this.#waiting.indexOf(ticket);
    if (index >= 0) this.#waiting.splice(index, 1);
  }
}

function before(a: AheadTicket, b: AheadTicket): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.order < b.order);
}

/** One listing's pages in a PagesAhead. */
export class AheadTicket {
  #held = 0;
  #closed = false;

  constructor(
    private readonly share: PagesAhead,
    readonly rank: number,
    readonly order: number,
    readonly wake: () => void,
  ) {}

  get held(): number {
    return this.#held;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Claims a place for one more request; false when the listing must wait for `wake`. */
  take(): boolean {
    if (this.#closed || !this.share.admit(this)) return false;
    this.#held += 1;
    return true;
  }

  /** Gives back `count` places (pages the reader has stored, or requests that failed). */
  give(count: number): void {
    const given = Math.min(count, this.#held);
    if (given <= 0) return;
    this.#held -= given;
    this.share.release(this, given);
  }

  /** The listing ended: every place it held is given back, and it waits no more. */
  leave(): void {
    if (this.#closed) return;
    this.#closed = true;
    const held = this.#held;
    this.#held = 0;
    this.share.release(this, held);
  }
}
