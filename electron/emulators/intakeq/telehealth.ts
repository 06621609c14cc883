import type { Prng } from '../shared/prng';
import type { TelehealthRow } from './model';

/** A new video session: IntakeQ's own telehealth most of the time, otherwise a Zoom meeting. */
export function telehealth(prng: Prng): TelehealthRow {
  return prng.chance(0.7)
    ? { id: prng.guid(), provider: 'IntakeQ', code: prng.alphanumeric(10) }
    : { id: prng.guid(), provider: 'Zoom', code: String(prng.int(81_000_000_000, 89_999_999_999)) };
}
