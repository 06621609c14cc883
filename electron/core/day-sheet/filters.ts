import { fold } from '../db/repos/patient-text';
import { HIDDEN_BY_DEFAULT_STATUSES, type DaySheetFilters, type DaySheetRow } from '../domain';

/** Keeps the rows staff asked for. Without a status filter, cancelled and declined ones are hidden. */
export function filterRows(rows: readonly DaySheetRow[], filters: DaySheetFilters): DaySheetRow[] {
  const practitioners = filters.practitioners?.length ? new Set(filters.practitioners) : null;
  const statuses = filters.statuses ? new Set(filters.statuses) : null;
  const words = (filters.search ?? '').split(/\s+/).filter(Boolean).map(fold);
  return rows.filter((row) => {
    if (filters.source !== undefined && row.source !== filters.source) return false;
    if (practitioners && !practitioners.has(row.practitionerName ?? '')) return false;
    if (statuses ? !statuses.has(row.status) : HIDDEN_BY_DEFAULT_STATUSES.includes(row.status)) return false;
    if (filters.telehealthOnly && !row.telehealthUrl) return false;
    if (words.length > 0) {
      const name = fold(row.patientName ?? '');
      if (!words.every((word) => name.includes(word))) return false;
    }
    return true;
  });
}

/** Practitioners by name, case-insensitively, as a filter offers them; unnamed ones last as "". */
export function practitionersOf(rows: readonly DaySheetRow[]): string[] {
  const names = new Set(rows.map((row) => row.practitionerName ?? ''));
  return [...names].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en', { sensitivity: 'base' })));
}
