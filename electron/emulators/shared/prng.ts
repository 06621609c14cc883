/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32). Every emulator draws from one of
 * these so the same seed always yields the same practice. (Faults use `seededUnit` below instead: a
 * stream's next number depends on how many were drawn before.)
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a value with the given relative weights, e.g. [['a', 3], ['b', 1]]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Cannot pick from an empty list');
    return last[0];
  }

  hex(length: number): string {
    return this.characters(HEX, length);
  }

  alphanumeric(length: number): string {
    return this.characters(ALPHANUMERIC, length);
  }

  // Strings are built in one go: concatenating a character at a time leaves a chain of rope
  // strings in memory, several times the size of the text, for every id of a 50,000-patient practice.
  private characters(alphabet: string, length: number): string {
    return String.fromCharCode(...this.codes(alphabet, length));
  }

  private codes(alphabet: string, length: number): number[] {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.int(0, alphabet.length - 1));
    return codes;
  }

  /** A version-4-looking GUID, lower case. */
  guid(): string {
    const dash = 0x2d;
    const variant = '89ab'.charCodeAt(this.int(0, 3));
    const codes = [...this.codes(HEX, 8), dash, ...this.codes(HEX, 4), dash, 0x34, ...this.codes(HEX, 3), dash, variant];
    codes.push(...this.codes(HEX, 3), dash, ...this.codes(HEX, 12));
    return String.fromCharCode(...codes);
  }

  /** `prefix` followed by `length` random hex digits, as one flat string. */
  hexAfter(prefix: string, length: number): string {
    const codes = Array.from(prefix, (ch) => ch.charCodeAt(0));
    codes.push(...this.codes(HEX, length));
    return String.fromCharCode(...codes);
  }

  /** An independent stream, so runtime randomness never shifts the seeded dataset. */
  fork(salt: number): Prng {
    return new Prng((Math.floor(this.next() * 4294967296) ^ Math.imul(salt, 0x27d4eb2d)) >>> 0);
  }
}

const HEX = '0123456789abcdef';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A number in [0, 1) that depends only on the seed and the given parts (MurmurHash3 over the text's
 * UTF-16 code units): the same question always gets the same answer, whatever was asked before.
 */
export function seededUnit(seed: number, ...parts: readonly (string | number)[]): number {
  const text = parts.join('\u001f');
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    hash ^= k;
    hash = (Math.imul((hash << 13) | (hash >>> 19), 5) + 0xe6546b64) | 0;
  }
  hash ^= text.length;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 4294967296;
}
