import type { EmulatorResponse } from '../shared/http';
import type { Prng } from '../shared/prng';
import type { RequestContext } from '../shared/router';
import { accessDenied, forbidden } from './responses';

const SHARD = /^\w{2}\d{1,2}$/i;

/** The shard a key belongs to: its last `-` segment when that looks like one, else au1 (old keys). */
export function clinikoShard(apiKey: string): string {
  const suffix = apiKey.includes('-') ? apiKey.slice(apiKey.lastIndexOf('-') + 1) : '';
  return SHARD.test(suffix) ? suffix.toLowerCase() : 'au1';
}

/** A key in Cliniko's current format: an opaque body and the shard suffix. */
export function generateClinikoKey(prng: Prng, shard = 'au1'): string {
  return `MS0${prng.alphanumeric(57)}-${shard}`;
}

// "App name (contact@email)": a name and an email-looking contact.
const CONTACT_EMAIL = /[^\s@()<>]+@[^\s@()<>]+\.[a-z]{2,}/i;

/**
 * HTTP Basic with the key as username and an empty password; the key works with or without its
 * shard suffix. Optionally (the spec is unsure what Cliniko does) requests without
 * `Accept: application/json` or a User-Agent naming the app and a contact email are refused 403.
 */
export class ClinikoAuth {
  private readonly acceptedUsernames: Set<string>;

  constructor(
    private readonly apiKey: string,
    private readonly requireClientHeaders: boolean,
  ) {
    const dash = apiKey.lastIndexOf('-');
    const hasShard = dash >= 0 && SHARD.test(apiKey.slice(dash + 1));
    this.acceptedUsernames = new Set(hasShard ? [apiKey, apiKey.slice(0, dash)] : [apiKey]);
  }

  hasValidKey(ctx: RequestContext): boolean {
    const header = ctx.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && decoded.slice(colon + 1) === '' && this.acceptedUsernames.has(decoded.slice(0, colon));
  }

  /** The rate-limit key (one budget per key, whichever form it came in), or the refusal. */
  authenticate(ctx: RequestContext): string | EmulatorResponse {
    if (this.requireClientHeaders && !hasClientHeaders(ctx)) return forbidden();
    return this.hasValidKey(ctx) ? this.apiKey : accessDenied();
  }
}

function hasClientHeaders(ctx: RequestContext): boolean {
  const accept = ctx.headers.accept;
  const agent = ctx.headers['user-agent'];
  if (typeof accept !== 'string' || !accept.toLowerCase().includes('application/json')) return false;
  if (typeof agent !== 'string') return false;
  const email = CONTACT_EMAIL.exec(agent);
  return email !== null && /[a-z]/i.test(agent.replace(email[0], ''));
}
