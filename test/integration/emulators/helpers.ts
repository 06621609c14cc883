import type { EmulatorOptions } from '../../../electron/emulators';

/** Options every test wants: no latency, a fixed clock so datasets are reproducible. */
export const FIXED_NOW = new Date('2026-03-10T02:00:00Z');
export const TEST_OPTIONS: EmulatorOptions = { latencyMs: { min: 0, max: 0 }, now: () => FIXED_NOW };

export const CLIENT_HEADERS = { Accept: 'application/json', 'User-Agent': 'ClinicSync tests (tests@clinicsync.example)' };

export function basicAuth(username: string, password = ''): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A GET as a well-behaved Cliniko client sends it. */
export function clinikoHeaders(apiKey: string): Record<string, string> {
  return { ...CLIENT_HEADERS, Authorization: basicAuth(apiKey) };
}

export async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Follows links.next from `url` and returns every page. */
export async function allClinikoPages<T>(
  url: string,
  key: string,
  apiKey: string,
): Promise<{ records: T[]; totals: number[]; pages: number }> {
  const records: T[] = [];
  const totals: number[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next) {
    const page: Record<string, unknown> & { total_entries: number; links: { next?: string } } = await getJson(next, clinikoHeaders(apiKey));
    records.push(...(page[key] as T[]));
    totals.push(page.total_entries);
    next = page.links.next;
    pages++;
  }
  return { records, totals, pages };
}

/** Reads IntakeQ pages (bare arrays of at most 100) until a short page. */
export async function allIntakeqPages<T>(url: string, apiKey: string): Promise<{ records: T[]; pages: number }> {
  const records: T[] = [];
  for (let page = 1; ; page++) {
    const separator = url.includes('?') ? '&' : '?';
    const rows = await getJson<T[]>(`${url}${separator}page=${page}`, { 'X-Auth-Key': apiKey });
    records.push(...rows);
    if (rows.length < 100) return { records, pages: page };
  }
}

export function idOf(link: { links: { self: string } }): string {
  return link.links.self.split('/').pop() ?? '';
}
