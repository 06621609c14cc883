import type { Prng } from '../shared/prng';

// Cliniko moved to 64-bit, time-ordered ids in late 2020; older au1 accounts still carry small ones.
const SNOWFLAKE_EPOCH_MS = Date.UTC(2014, 0, 1);
const LEGACY_START = 75_335_355n;

/**
 * Issues ids for one resource as Cliniko does: 64-bit integers as decimal strings, time-ordered and
 * far above 2^53 (so parsing them into a JS number visibly corrupts them), except records created
 * before `legacyBefore`, which get small legacy ids. Ids only ever grow within a resource (like
 * Cliniko's, they are unique per resource, not across resources).
 */
export class IdSequence {
  private last = 0n;
  private lastLegacy = LEGACY_START;

  constructor(
    private readonly prng: Prng,
    private readonly legacyBefore: number,
  ) {}

  next(createdAt: number): string {
    let id: bigint;
    // Legacy ids only until the first new-style one, so ids keep growing.
    if (createdAt < this.legacyBefore && this.last <= this.lastLegacy) {
      this.lastLegacy += BigInt(this.prng.int(1, 40));
      id = this.lastLegacy;
    } else {
      const snowflake = (BigInt(Math.max(0, createdAt - SNOWFLAKE_EPOCH_MS)) << 22n) | BigInt(this.prng.int(0, 0x3fffff));
      id = snowflake > this.last ? snowflake : this.last + 1n;
    }
    this.last = id;
    return id.toString();
  }
}

/** Orders decimal id strings numerically without losing precision. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isIdString(value: string): boolean {
  return /^[1-9]\d{0,18}$/.test(value);
}
