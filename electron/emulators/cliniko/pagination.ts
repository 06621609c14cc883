import type { EmulatorResponse } from '../shared/http';

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;

function positiveInt(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/**
 * The Cliniko list envelope: one page of records, `total_entries`, and `links` whose next/previous
 * appear only when they exist. Links point at the URL the client called and keep all of its query
 * parameters, changing only `page`.
 */
export function pageResponse<R>(
  key: string,
  rows: readonly R[],
  requestUrl: URL,
  serialize: (row: R) => Record<string, unknown>,
  breakable: { field: string; value: unknown },
): EmulatorResponse {
  const params = requestUrl.searchParams;
  const page = positiveInt(params.get('page'), 1);
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(params.get('per_page'), DEFAULT_PER_PAGE));
  const items = rows.slice((page - 1) * perPage, page * perPage).map(serialize);
  const pageLink = (n: number): string => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const links: Record<string, string> = { self: requestUrl.toString() };
  if (page * perPage < rows.length) links.next = pageLink(page + 1);
  if (page > 1) links.previous = pageLink(page - 1);
  return {
    status: 200,
    json: { [key]: items, total_entries: rows.length, links },
    records: { items, idField: 'id', brokenField: breakable.field, brokenValue: breakable.value, page: true },
  };
}
