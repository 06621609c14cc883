import { createHash } from 'node:crypto';
import { UserFacingError } from '../errors';

/** RFC 4648 base32: no 0/1/8 look-alikes to misread off a screen, and case does not matter. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX = 'CSHUB1';
export const CLINIC_KEY_BYTES = 32;

/**
 * The join code carries the clinic key: `CSHUB1-` then the 32 key bytes in base32, in groups of
 * four, then a four-letter check group, so a mistyped code is caught before any connection.
 */
export function formatJoinCode(key: Buffer): string {
  if (key.length !== CLINIC_KEY_BYTES) throw new Error('A clinic key is 32 bytes.');
  const body = toBase32(key) + checkGroup(key);
  return [PREFIX, ...(body.match(/.{1,4}/g) ?? [])].join('-');
}

/** The clinic key in a join code, or a clear error; spaces, dashes and case are forgiven. */
export function parseJoinCode(text: string): Buffer {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!compact.startsWith(PREFIX)) {
    throw new UserFacingError(
      'invalid_join_code',
      'That is not a ClinicSync join code (it starts with CSHUB1-). Copy it again from the desk that created the hub.',
    );
  }
  const body = compact.slice(PREFIX.length);
  const keyChars = Math.ceil((CLINIC_KEY_BYTES * 8) / 5);
  const key = fromBase32(body.slice(0, keyChars));
  if (key === null || key.length !== CLINIC_KEY_BYTES || body.length !== keyChars + 4 || checkGroup(key) !== body.slice(keyChars)) {
    throw new UserFacingError(
      'invalid_join_code',
      'That join code is mistyped or incomplete. Copy it again from the desk that created the hub.',
    );
  }
  return key;
}

function checkGroup(key: Buffer): string {
  return toBase32(createHash('sha256').update(key).digest()).slice(0, 4);
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
