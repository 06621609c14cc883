import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { CLINIC_KEY_BYTES } from './join-code';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What a record is addressed by on the hub: never its API id, only a keyed hash of it. */
export interface RecordName {
  kind: string;
  source: string;
  ref: string;
}

/**
 * The clinic key and the keys derived from it (HKDF-SHA256, one per purpose): AES-256-GCM for
 * payloads, HMAC-SHA256 for addresses, and a check value that lets a desk tell a wrong join code
 * from a right one without the hub learning anything about the key.
 */
export class ClinicKey {
  // Key objects, made once: Node prepares a raw Buffer key anew on every cipher or HMAC, which cost
  // about four times the work itself per record (measured: 50,000 seals 7 s with Buffers, 2 s with these).
  readonly #sealKey: KeyObject;
  readonly #addressKey: KeyObject;
  readonly #checkKey: KeyObject;

  constructor(readonly raw: Buffer) {
    if (raw.length !== CLINIC_KEY_BYTES) throw new Error('A clinic key is 32 bytes.');
    const derive = (purpose: string) =>
      createSecretKey(Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), `clinicsync hub ${purpose} v1`, 32)));
    this.#sealKey = derive('payload');
    this.#addressKey = derive('address');
    this.#checkKey = derive('key check');
  }

  static generate(): ClinicKey {
    return new ClinicKey(randomBytes(CLINIC_KEY_BYTES));
  }

  /** HMAC of kind, source and ref (length-prefixed, so no two names run together into one). */
  address(name: RecordName): Buffer {
    const hmac = createHmac('sha256', this.#addressKey);
    for (const part of [name.kind, name.source, name.ref]) {
      const bytes = Buffer.from(part, 'utf8');
      hmac.update(Buffer.from([bytes.length >>> 8, bytes.length & 255])).update(bytes);
    }
    return hmac.digest();
  }

  /** nonce ‖ ciphertext ‖ tag; the address is authenticated too, so a payload cannot be moved to another address. */
  seal(plaintext: string, address: Buffer): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, nonce);
    cipher.setAAD(address);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** Throws when the payload was not sealed by this key for this address. */
  open(sealed: Buffer, address: Buffer): string {
    const nonce = sealed.subarray(0, NONCE_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, nonce);
    decipher.setAAD(address);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /**
   * A keyed hash of a text, to order two versions written at the same instant the same way on every
   * desk and on the hub, without the hub learning the text (a plain hash of a short note could be guessed).
   */
  tiebreak(text: string): string {
    return createHmac('sha256', this.#addressKey).update('tiebreak\0').update(text, 'utf8').digest('hex').slice(0, 32);
  }

  /** Stored on the hub at init; a desk compares it before writing anything. */
  checkValue(): Buffer {
    return createHmac('sha256', this.#checkKey).update('clinicsync hub key check').digest();
  }

  matches(checkValue: Buffer): boolean {
    const mine = this.checkValue();
    return checkValue.length === mine.length && timingSafeEqual(checkValue, mine);
  }
}
