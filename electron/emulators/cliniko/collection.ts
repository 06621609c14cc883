import { QueryCache } from '../shared/query-cache';
import { badRequest, parseFilters, type FieldTable, type FieldValue, type Predicate } from './filters';
import { compareIds } from './ids';

/** One list endpoint's records and rules. */
export interface CollectionSpec<R> {
  /** The envelope key, e.g. 'individual_appointments'. */
  key: string;
  /** Records in creation order (created_at, then id, ascending). */
  rows(): readonly R[];
  /** Rows the endpoint never lists (hard-deleted, or the wrong practitioner status). */
  include?(row: R): boolean;
  fields: FieldTable<R>;
  /** Columns whose non-null rows are hidden unless the request filters on that column. */
  hideable: readonly string[];
}

/** Builds the predicates for a request's filters plus the implicit hiding of archived/cancelled rows. */
export function rowFilter<R>(spec: Pick<CollectionSpec<R>, 'fields' | 'hideable' | 'include'>, filters: readonly string[]): Predicate<R> {
  const { predicates, columns } = parseFilters(filters, spec.fields);
  for (const column of spec.hideable) {
    const field = spec.fields[column];
    if (field && !columns.has(column)) predicates.push((row) => field.get(row) === null);
  }
  const include = spec.include;
  if (include) predicates.unshift(include);
  return (row) => predicates.every((test) => test(row));
}

/** Answers list queries: filter, hide, sort, remembered until the data changes. */
export class CollectionQueries {
  // One cache per endpoint: /practitioners and /practitioners/inactive share an envelope key.
  private readonly caches = new WeakMap<object, QueryCache>();

  constructor(private readonly version: () => number) {}

  select<R>(spec: CollectionSpec<R>, params: URLSearchParams): readonly R[] {
    const filters = params.getAll('q[]').filter((f) => f !== '');
    const sort = params.get('sort');
    const order = params.get('order');
    let cache = this.caches.get(spec);
    if (!cache) {
      cache = new QueryCache(this.version);
      this.caches.set(spec, cache);
    }
    return cache.get(JSON.stringify([filters, sort, order]), () =>
      sortRows(spec.rows().filter(rowFilter(spec, filters)), spec.fields, sort, order),
    );
  }
}

type Direction = 1 | -1;

/** `sort=starts_at,created_at:desc`; the deprecated `order` sets the default direction. */
function sortRows<R>(rows: R[], fields: FieldTable<R>, sort: string | null, order: string | null): R[] {
  if (order !== null && order !== 'asc' && order !== 'desc') throw badRequest('order must be asc or desc.');
  const fallback: Direction = order === 'desc' ? -1 : 1;
  if (sort === null || sort === '') return fallback === 1 ? rows : rows.reverse();
  const keys = sort.split(',').map((part) => {
    const [name = '', direction, extra] = part.split(':');
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (
      !field ||
      field.type === 'array' ||
      extra !== undefined ||
      (direction !== undefined && direction !== 'asc' && direction !== 'desc')
    ) {
      throw badRequest('This column is not sortable.');
    }
    const sign: Direction = direction === undefined ? fallback : direction === 'desc' ? -1 : 1;
    return { field, sign };
  });
  // Array.prototype.sort is stable, so ties keep creation order.
  return rows.sort((a, b) => {
    for (const { field, sign } of keys) {
      const c = compareValues(field.type === 'id', field.get(a), field.get(b), sign);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Nulls sort last ascending and first descending, as in PostgreSQL. */
function compareValues(isId: boolean, a: FieldValue, b: FieldValue, sign: Direction): number {
  if (a === b) return 0;
  if (a === null) return sign;
  if (b === null) return -sign;
  if (isId) return sign * compareIds(String(a), String(b));
  return sign * (a < b ? -1 : a > b ? 1 : 0);
}
