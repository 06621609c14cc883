import type { Prng } from '../shared/prng';
import type { RequestContext } from '../shared/router';

/** A key in the shape IntakeQ's Developer API page shows: 40 hex characters. */
export function generateIntakeqKey(prng: Prng): string {
  return prng.hex(40);
}

/** Every request carries the key in X-Auth-Key; there is no other way to authenticate. */
export function hasIntakeqKey(ctx: RequestContext, apiKey: string): boolean {
  return ctx.headers['x-auth-key'] === apiKey;
}
