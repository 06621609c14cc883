const INTEGER_TEXT = /^-?\d+$/;

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** Integers JavaScript numbers cannot hold exactly (64-bit ids) are kept as their digits. */
const keepLargeIntegers: SourceReviver = (_key, value, context) => {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  return source !== undefined && INTEGER_TEXT.test(source) ? source : value;
};

/**
 * JSON.parse that never rounds a 64-bit id: Cliniko sends ids as strings, but a tolerant client must
 * not lose digits if one ever arrives as a bare number. Uses the reviver's source-text access (Node 21+).
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, keepLargeIntegers as (key: string, value: unknown) => unknown);
}
