import { HttpProblem, jsonResponse } from '../shared/http';
import { parseDateOnly, parseInstant } from '../shared/time';
import { compareIds, isIdString } from './ids';

export type FieldType = 'datetime' | 'date' | 'id' | 'integer' | 'string' | 'boolean' | 'array';
export type FieldValue = string | number | boolean | null | readonly string[];

/** A filterable (and sortable) column: its type and how to read it from a record. */
export interface Field<R> {
  type: FieldType;
  get(row: R): FieldValue;
}

export type FieldTable<R> = Readonly<Record<string, Field<R>>>;
export type Predicate<R> = (row: R) => boolean;

export interface ParsedFilters<R> {
  predicates: Predicate<R>[];
  /** Columns the request filtered on: those are no longer hidden implicitly. */
  columns: Set<string>;
}

// Longest operators first, so `>=` is not read as `>` followed by a value starting with `=`.
const OPERATORS = ['!?', '~~', '>=', '<=', '!=', '?', '*', '>', '<', '=', '~'] as const;
type Operator = (typeof OPERATORS)[number];

const ALLOWED: Record<FieldType, readonly Operator[]> = {
  datetime: ['>=', '>', '<=', '<', '?', '!?', '*'],
  date: ['=', '>=', '>', '<=', '<', '?', '!?'],
  id: ['=', '!=', '>=', '>', '<=', '<', '?', '!?'],
  integer: ['=', '!=', '>=', '>', '<=', '<', '?', '!?'],
  string: ['=', '!=', '~', '~~', '?', '!?'],
  boolean: ['=', '!='],
  array: ['~'],
};

export function badRequest(message: string): HttpProblem {
  return new HttpProblem(jsonResponse(400, { message }));
}

export const NOT_SEARCHABLE = 'This column is not searchable.';

/** Parses Cliniko `q[]` filters (`field:<operator><value>`), combined with AND. */
export function parseFilters<R>(filters: readonly string[], table: FieldTable<R>): ParsedFilters<R> {
  const parsed: ParsedFilters<R> = { predicates: [], columns: new Set() };
  for (const filter of filters) {
    const colon = filter.indexOf(':');
    const name = colon < 0 ? filter : filter.slice(0, colon);
    const field = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!field) throw badRequest(NOT_SEARCHABLE);
    const rest = filter.slice(colon + 1);
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (colon < 0 || !operator || !ALLOWED[field.type].includes(operator)) throw badRequest(`Invalid filter operator for ${name}.`);
    const test = valueTest(field.type, operator, rest.slice(operator.length));
    if (!test) throw badRequest(`Invalid filter value for ${name}.`);
    parsed.columns.add(name);
    parsed.predicates.push((row) => test(field.get(row)));
  }
  return parsed;
}

type ValueTest = (value: FieldValue) => boolean;

function valueTest(type: FieldType, operator: Operator, raw: string): ValueTest | null {
  if (operator === '?') return (v) => v !== null;
  if (operator === '!?') return (v) => v === null;
  if (operator === '*') return () => true;
  switch (type) {
    case 'datetime': {
      const instant = parseInstant(raw);
      return instant === null
        ? null
        : ordered(
            operator,
            instant,
            (v) => (typeof v === 'number' ? v : null),
            (a, b) => a - b,
          );
    }
    case 'date':
      return dateTest(operator, raw);
    case 'id':
    case 'integer':
      return numericTest(type, operator, raw);
    case 'string':
      return stringTest(operator, raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') return null;
      return operator === '=' ? (v) => v === (raw === 'true') : (v) => v !== (raw === 'true');
    case 'array':
      return (v) => Array.isArray(v) && v.includes(raw);
  }
}

/** Comparison operators over values that `read` extracts (null never matches). */
function ordered<T>(operator: Operator, target: T, read: (v: FieldValue) => T | null, compare: (a: T, b: T) => number): ValueTest | null {
  const test: Partial<Record<Operator, (c: number) => boolean>> = {
    '=': (c) => c === 0,
    '!=': (c) => c !== 0,
    '>': (c) => c > 0,
    '>=': (c) => c >= 0,
    '<': (c) => c < 0,
    '<=': (c) => c <= 0,
  };
  const check = test[operator];
  if (!check) return null;
  return (v) => {
    const value = read(v);
    return value !== null && check(compare(value, target));
  };
}

function dateTest(operator: Operator, raw: string): ValueTest | null {
  if (operator === '=' && raw.includes('*')) {
    if (!/^[\d*]{4}-[\d*]{2}-[\d*]{2}$/.test(raw)) return null;
    const pattern = new RegExp(`^${raw.replace(/\*/g, '\\d')}$`);
    return (v) => typeof v === 'string' && pattern.test(v);
  }
  if (parseDateOnly(raw) === null) return null;
  return ordered(
    operator,
    raw,
    (v) => (typeof v === 'string' ? v : null),
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
}

function numericTest(type: 'id' | 'integer', operator: Operator, raw: string): ValueTest | null {
  const valid = (s: string): boolean => (type === 'id' ? isIdString(s) : /^-?\d+$/.test(s));
  const compare = type === 'id' ? compareIds : (a: string, b: string) => Number(a) - Number(b);
  const read = (v: FieldValue): string | null => (v === null ? null : String(v));
  if (operator === '=' && raw.includes(',')) {
    const options = raw.split(',');
    if (!options.every(valid)) return null;
    return (v) => {
      const value = read(v);
      return value !== null && options.some((option) => compare(value, option) === 0);
    };
  }
  return valid(raw) ? ordered(operator, raw, read, compare) : null;
}

function stringTest(operator: Operator, raw: string): ValueTest | null {
  const text = (v: FieldValue): string | null => (typeof v === 'string' ? v : null);
  switch (operator) {
    case '=':
      return (v) => text(v) === raw;
    case '!=':
      return (v) => text(v) !== null && text(v) !== raw;
    case '~':
      return likeTest(`%${raw}%`);
    case '~~':
      return likeTest(raw);
    default:
      return null;
  }
}

/** SQL ILIKE: % is any run of characters, _ is one character, case-insensitive. */
function likeTest(pattern: string): ValueTest {
  const source = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'is');
  return (v) => typeof v === 'string' && regex.test(v);
}
