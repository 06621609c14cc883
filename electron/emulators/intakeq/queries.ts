import { ControlError } from '../shared/control-error';
import { QueryCache } from '../shared/query-cache';
import { DAY_MS, parseDateOnly, parseInstant } from '../shared/time';
import type { ZoneCalendar } from '../shared/time-zone';
import type { AppointmentRow, ClientRow } from './model';
import type { IntakeqStore } from './store';

export const PAGE_SIZE = 100;
const DELETED_ONLY_DAYS = 10;

/** Query parameters by lower-cased name, as ASP.NET binds them. */
export type Params = ReadonlyMap<string, string>;

const invalidRequest = (): ControlError => new ControlError('The request is invalid.', 400);

/** Rows `page` (1-based, 100 per page) holds; past the end that is none. */
export function pageOf<R>(rows: readonly R[], params: Params): R[] {
  const page = Number(params.get('page') ?? '1');
  const index = Number.isInteger(page) && page >= 1 ? page : 1;
  return rows.slice((index - 1) * PAGE_SIZE, index * PAGE_SIZE);
}

/** Filters for GET /appointments and GET /clients, with dates read as whole days in the practice's zone. */
export class IntakeqQueries {
  private readonly cache: QueryCache;

  constructor(
    private readonly store: IntakeqStore,
    private readonly zone: ZoneCalendar,
    private readonly nowMs: () => number,
  ) {
    this.cache = new QueryCache(() => store.version);
  }

  /** Sorted by StartDate, newest first. */
  appointments(params: Params): readonly AppointmentRow[] {
    const tests: ((row: AppointmentRow) => boolean)[] = [this.deletion(params)];
    const from = this.dayStart(params.get('startdate'));
    const until = this.dayStart(params.get('enddate'), 1);
    if (from !== null) tests.push((row) => row.startsAt >= from);
    if (until !== null) tests.push((row) => row.startsAt < until);
    const updatedSince = this.instant(params.get('updatedsince'));
    if (updatedSince !== null) tests.push((row) => row.updatedAt >= updatedSince);
    const status = params.get('status')?.toLowerCase();
    if (status) tests.push((row) => row.status.toLowerCase() === status);
    const email = params.get('practitioneremail')?.toLowerCase();
    if (email) tests.push((row) => this.store.practitioner(row.practitionerId)?.email.toLowerCase() === email);
    const client = params.get('client')?.toLowerCase();
    if (client) tests.push((row) => matchesNameOrEmail(this.store.client(row.clientId), client));
    return this.cache.get(this.cacheKey('appointments', params), () =>
      this.store.appointments
        .filter((row) => tests.every((test) => test(row)))
        .sort((a, b) => b.startsAt - a.startsAt || (a.id < b.id ? 1 : -1)),
    );
  }

  /** In ClientId order. `custom` holds custom-field filters (field id → value). */
  clients(params: Params, custom: ReadonlyMap<string, string>): readonly ClientRow[] {
    const tests: ((row: ClientRow) => boolean)[] = [this.deletion(params)];
    const search = params.get('search')?.toLowerCase();
    if (search && /^\d+$/.test(search)) tests.push((row) => row.clientId === Number(search));
    else if (search) tests.push((row) => matchesNameOrEmail(row, search));
    this.range(tests, (row) => row.createdAt, params.get('datecreatedstart'), params.get('datecreatedend'));
    this.range(tests, (row) => row.updatedAt, params.get('dateupdatedstart'), params.get('dateupdatedend'));
    const external = params.get('externalclientid');
    if (external) tests.push((row) => row.fields.ExternalClientId === external);
    for (const [fieldId, value] of custom) {
      tests.push((row) =>
        row.fields.CustomFields.some((f) => f.FieldId.toLowerCase() === fieldId && f.Value.toLowerCase() === value.toLowerCase()),
      );
    }
    return this.cache.get(`${this.cacheKey('clients', params)}${JSON.stringify([...custom])}`, () =>
      this.store.clients.filter((row) => tests.every((test) => test(row))),
    );
  }

  /** Same filters, same rows; deletedOnly's ten-day window also moves with the clock. */
  private cacheKey(resource: string, params: Params): string {
    const filters = [...params].filter(([name]) => name !== 'page').sort();
    const minute = params.get('deletedonly')?.toLowerCase() === 'true' ? Math.floor(this.nowMs() / 60_000) : 0;
    return JSON.stringify([resource, filters, minute]);
  }

  /** Live rows, or with deletedOnly=true the rows soft-deleted in the last ten days. */
  private deletion(params: Params): (row: { deletedAt: number | null }) => boolean {
    if (params.get('deletedonly')?.toLowerCase() !== 'true') return (row) => row.deletedAt === null;
    const since = this.nowMs() - DELETED_ONLY_DAYS * DAY_MS;
    return (row) => row.deletedAt !== null && row.deletedAt >= since;
  }

  private range<R>(tests: ((row: R) => boolean)[], read: (row: R) => number, start: string | undefined, end: string | undefined): void {
    const from = this.dayStart(start);
    const until = this.dayStart(end, 1);
    if (from !== null) tests.push((row) => read(row) >= from);
    if (until !== null) tests.push((row) => read(row) < until);
  }

  /** The instant a yyyy-MM-dd day (plus `offsetDays`) begins in the practice's zone. */
  private dayStart(value: string | undefined, offsetDays = 0): number | null {
    if (value === undefined || value === '') return null;
    const date = parseDateOnly(value);
    if (date === null) throw invalidRequest();
    return this.zone.dayStart(date + offsetDays * DAY_MS);
  }

  /** updatedSince: a practice-local day, or (leniently) a full ISO instant. */
  private instant(value: string | undefined): number | null {
    if (value === undefined || value === '') return null;
    if (parseDateOnly(value) !== null) return this.dayStart(value);
    const instant = parseInstant(value);
    if (instant === null) throw invalidRequest();
    return instant;
  }
}

function matchesNameOrEmail(row: ClientRow | undefined, needle: string): boolean {
  if (!row) return false;
  const name = `${row.fields.FirstName} ${row.fields.LastName}`.toLowerCase();
  return name.includes(needle) || (row.fields.Email?.toLowerCase().includes(needle) ?? false);
}
