import type { RosterSortField } from '@contract';

/** The roster's columns, in order. Widths live in roster.css (one grid template for header and rows). */
export const ROSTER_COLUMNS: ReadonlyArray<{ id: string; label: string; sort?: RosterSortField }> = [
  { id: 'name', label: 'Patient', sort: 'name' },
  { id: 'dob', label: 'Birth date', sort: 'dateOfBirth' },
  { id: 'contact', label: 'Contact' },
  { id: 'next', label: 'Next appointment', sort: 'nextAppointment' },
  { id: 'telehealth', label: 'Telehealth' },
  { id: 'synced', label: 'Last synced', sort: 'lastSyncedAt' },
  { id: 'remote', label: 'Remote ID' },
];

export const ROW_HEIGHT = 56;
export const HEADER_HEIGHT = 40;
