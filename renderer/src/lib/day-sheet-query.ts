import { APPOINTMENT_STATUSES, type AppointmentStatus, type DaySheetFilters } from '@contract';

/** The day sheet's choices as the page keeps them, and as the contract's filters. Pure, tested without a browser. */

/** "Expected" (every status but cancelled and declined), everything, or one status. */
export type StatusChoice = 'expected' | 'all' | AppointmentStatus;
export type PrintBy = 'practitioner' | 'day';

/** The filters staff set once and expect to find again (a patient search is not kept). */
export interface RememberedFilters {
  practitioner: string;
  status: StatusChoice;
  telehealthOnly: boolean;
  source: string;
  printBy: PrintBy;
}

export const FILTERS_KEY = 'clinicsync.daySheet.filters';
const DEFAULT_FILTERS: RememberedFilters = {
  practitioner: '',
  status: 'expected',
  telehealthOnly: false,
  source: '',
  printBy: 'practitioner',
};

/** The remembered choices, each kept only if it is still a valid one (storage may hold an older version's). */
export function readFilters(): RememberedFilters {
  let stored: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(localStorage.getItem(FILTERS_KEY) ?? '{}') as unknown;
    if (typeof parsed === 'object' && parsed !== null) stored = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: start from the defaults.
  }
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const status = text(stored.status, DEFAULT_FILTERS.status);
  return {
    practitioner: text(stored.practitioner, DEFAULT_FILTERS.practitioner),
    status:
      status === 'expected' || status === 'all' || (APPOINTMENT_STATUSES as readonly string[]).includes(status)
        ? (status as StatusChoice)
        : 'expected',
    telehealthOnly: stored.telehealthOnly === true,
    source: text(stored.source, DEFAULT_FILTERS.source),
    printBy: stored.printBy === 'day' ? 'day' : 'practitioner',
  };
}

export function writeFilters(filters: RememberedFilters): void {
  try {
    localStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
  } catch {
    // Storage blocked: the choice lasts for this session.
  }
}

/** The contract's filters for the sheet's choices. */
export function toQueryFilters(filters: RememberedFilters, search: string): DaySheetFilters {
  const status: Pick<DaySheetFilters, 'statuses'> =
    filters.status === 'expected'
      ? {}
      : filters.status === 'all'
        ? { statuses: [...APPOINTMENT_STATUSES] }
        : { statuses: [filters.status] };
  return {
    ...status,
    ...(filters.practitioner ? { practitioners: [filters.practitioner] } : {}),
    ...(filters.telehealthOnly ? { telehealthOnly: true } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
  };
}
