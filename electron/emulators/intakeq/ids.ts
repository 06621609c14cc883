import type { Prng } from '../shared/prng';

/** A MongoDB-style ObjectId: eight hex digits of the creation second, then sixteen random ones. */
export function objectId(prng: Prng, createdAt: number): string {
  return prng.hexAfter(
    Math.floor(createdAt / 1000)
      .toString(16)
      .padStart(8, '0'),
    16,
  );
}
