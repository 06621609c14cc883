/**
 * Invalid inputs derived from a channel's zod schema (through its JSON Schema, zod's own public
 * description of it): for every field, values of each wrong type, values just past each declared
 * boundary (length, range, item count, enum, format), the field left out when it is required, and an
 * unknown key beside it — recursively through nested objects, arrays and unions.
 */
import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
  minItems?: number;
  default?: unknown;
}

export interface SchemaCase {
  /** The field attacked, as a path such as `sort.field` (`(input)` for the whole input). */
  path: string;
  what: string;
  input: unknown;
}

/** A valid value for a field, so that each case breaks exactly one thing; `hint` supplies real ids. */
export type SampleHint = (key: string, schema: JsonSchema) => unknown;

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function typesOf(s: JsonSchema): Set<string> {
  const types = new Set<string>();
  if (s.anyOf) for (const branch of s.anyOf) for (const t of typesOf(branch)) types.add(t);
  if (Array.isArray(s.type)) for (const t of s.type) types.add(t);
  else if (s.type) types.add(s.type);
  else if (s.enum) for (const v of s.enum) types.add(v === null ? 'null' : typeof v);
  return types;
}

/** A valid value for `s`: the first enum value, a formatted string, a number inside the range. */
export function sample(s: JsonSchema, key: string, hint: SampleHint): unknown {
  const hinted = hint(key, s);
  if (hinted !== undefined) return hinted;
  if (s.anyOf) return sample(s.anyOf.find((b) => b.type !== 'null') ?? s.anyOf[0] ?? {}, key, hint);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'string':
      if (s.format === 'uri') return 'https://api.example.test/v1';
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1, (s.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    case 'array':
      return s.items ? [sample(s.items, key, hint)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, sample(p, k, hint)]));
    default:
      return {};
  }
}

/** One value of each JSON type, with what it is. */
const OF_TYPE: Array<[string, unknown, (types: Set<string>) => boolean]> = [
  ['a number', 42, (t) => t.has('number') || t.has('integer')],
  ['a fraction', 1.5, (t) => t.has('number')],
  ['text', 'text', (t) => t.has('string')],
  ['a boolean', true, (t) => t.has('boolean')],
  ['null', null, (t) => t.has('null')],
  ['an array', [], (t) => t.has('array')],
  ['an object', {}, (t) => t.has('object')],
];

/** Values `s` must refuse: each wrong type, then each boundary it declares, just past it. */
export function invalidValues(s: JsonSchema, key: string, hint: SampleHint): Array<[string, unknown]> {
  const types = typesOf(s);
  if (types.size === 0) return []; // "anything" (a custom check): no type to get wrong.
  const out: Array<[string, unknown]> = OF_TYPE.filter(([, , allowed]) => !allowed(types)).map(([what, value]) => [`${what}`, value]);
  const branches = s.anyOf ?? [s];
  for (const b of branches) {
    if (b.enum) out.push(['a value outside the enum', `not-${String(b.enum[0])}`]);
    if (b.minLength !== undefined && b.minLength > 0) out.push([`shorter than ${b.minLength}`, 'x'.repeat(b.minLength - 1)]);
    if (b.maxLength !== undefined) out.push([`longer than ${b.maxLength}`, 'x'.repeat(b.maxLength + 1)]);
    if (b.format === 'uri') out.push(['not a URL', 'not a url']);
    if (b.format === 'date-time') out.push(['not a date-time', '2026-13-40T25:61:00Z'], ['a date-time in words', 'yesterday']);
    if (b.minimum !== undefined) out.push([`below ${b.minimum}`, b.minimum - 1]);
    if (b.exclusiveMinimum !== undefined) out.push([`not above ${b.exclusiveMinimum}`, b.exclusiveMinimum]);
    if (b.maximum !== undefined) out.push([`above ${b.maximum}`, b.maximum + 1]);
    if (b.type === 'integer') out.push(['not a whole number', (b.minimum ?? b.exclusiveMinimum ?? 0) + 1.5]);
    if (b.type === 'array' && b.maxItems !== undefined && b.items)
      out.push([`more than ${b.maxItems} items`, Array.from({ length: b.maxItems + 1 }, () => sample(b.items ?? {}, key, hint))]);
  }
  return out;
}

/** Every invalid case for an object schema (or a union of them), each breaking one thing in a valid base. */
export function schemaCases(s: JsonSchema, hint: SampleHint, prefix = ''): SchemaCase[] {
  if (s.anyOf && !s.type) return s.anyOf.flatMap((branch) => schemaCases(branch, hint, prefix));
  const base = sample(s, prefix, hint) as Record<string, unknown>;
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const cases: SchemaCase[] = [];
  if (s.additionalProperties === false) {
    cases.push({ path: prefix || '(input)', what: 'an unknown key', input: { ...base, unexpectedKey: 'x' } });
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (s.required?.includes(key)) {
      const { [key]: _left, ...rest } = base;
      cases.push({ path: at(key), what: 'left out', input: rest });
    }
    for (const [what, value] of invalidValues(prop, key, hint)) cases.push({ path: at(key), what, input: { ...base, [key]: value } });
    const nested =
      prop.anyOf?.find((b) => b.type === 'object') ??
      (prop.type === 'object' ? prop : prop.items?.type === 'object' ? prop.items : undefined);
    if (nested) {
      const inArray = prop.type === 'array';
      for (const inner of schemaCases(nested, hint, at(key))) {
        cases.push({ ...inner, input: { ...base, [key]: inArray ? [inner.input] : inner.input } });
      }
    }
    if (prop.type === 'array' && prop.items && !nested) {
      for (const [what, value] of invalidValues(prop.items, key, hint)) {
        cases.push({ path: `${at(key)}[]`, what: `an item that is ${what}`, input: { ...base, [key]: [value] } });
      }
    }
  }
  return cases;
}

/** Every property path a schema declares (`sort.field`, `sources[]`), to prove each one is attacked. */
export function fieldPaths(s: JsonSchema, prefix = ''): string[] {
  if (s.anyOf && !s.type) return [...new Set(s.anyOf.flatMap((b) => fieldPaths(b, prefix)))];
  return Object.entries(s.properties ?? {}).flatMap(([key, prop]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = prop.anyOf?.find((b) => b.type === 'object') ?? (prop.type === 'object' ? prop : undefined);
    return [path, ...(nested ? fieldPaths(nested, path) : [])];
  });
}
