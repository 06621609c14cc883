import type { AppointmentStatus } from './appointment';
import type { ChangeKind } from './change';

/** A calendar day in the clinic's time zone, as "YYYY-MM-DD". */
export type DayKey = string;

export const DAY_SHEET_EXPORT_FORMATS = ['csv', 'ics'] as const;
export type DaySheetExportFormat = (typeof DAY_SHEET_EXPORT_FORMATS)[number];

/** Statuses the day sheet hides unless asked for: nobody is coming to these. */
export const HIDDEN_BY_DEFAULT_STATUSES: readonly AppointmentStatus[] = ['cancelled', 'declined'];

/** What staff narrow the day sheet to; omitted filters do not restrict. */
export interface DaySheetFilters {
  /** Practitioner names (as the sources give them). */
  practitioners?: string[];
  /** Statuses shown; when omitted, every status but cancelled and declined. */
  statuses?: AppointmentStatus[];
  telehealthOnly?: boolean;
  source?: string;
  /** Words matched against the patient's name (each word must match). */
  search?: string;
}

/** One appointment on the sheet, with whom it is for. */
export interface DaySheetRow {
  source: string;
  sourceName: string;
  externalId: string;
  startsAt: string;
  endsAt: string | null;
  /** The cached patient's local id (opens the patient drawer), or null when the patient is not cached. */
  patientId: number | null;
  patientName: string | null;
  practitionerName: string | null;
  serviceName: string | null;
  locationName: string | null;
  status: AppointmentStatus;
  cancellationReason: string | null;
  telehealthUrl: string | null;
  /** What the last sync found changed about this appointment (empty when nothing did). */
  changes: ChangeKind[];
  /** When those changes were found. */
  changedAt: string | null;
}

/** How fresh one source's appointments are for the day on screen. */
export interface DayFreshness {
  source: string;
  sourceName: string;
  /**
   * The start of the last successful sync whose windows covered the whole day (what a sync saw is
   * true as of its start), or null when none did.
   */
  asOf: string | null;
  runId: number | null;
  /** A sync of this source is running now. */
  syncing: boolean;
}

export interface DaySheet {
  date: DayKey;
  timeZone: string;
  /** The day's bounds as instants: [from, to). A daylight-saving day is 23 or 25 hours long. */
  from: string;
  to: string;
  hours: number;
  /** The day's appointments that pass the filters, by start time. */
  rows: DaySheetRow[];
  /** Appointments on the day before filtering (cancelled included). */
  totalForDay: number;
  /** Every practitioner with an appointment that day, for the filter. */
  practitioners: string[];
  /** Changes are those found since this instant (the start of the last finished sync). */
  changesSince: string | null;
  freshness: DayFreshness[];
}

/** One day of the compact week view. */
export interface WeekDay {
  date: DayKey;
  /** Appointments staff expect (not cancelled, declined or removed). */
  active: number;
  cancelled: number;
  telehealth: number;
  /** First and last start of an expected appointment, or null. */
  firstStartsAt: string | null;
  lastStartsAt: string | null;
}

export interface WeekGlance {
  timeZone: string;
  /** Monday of the week, and its seven days. */
  weekOf: DayKey;
  days: WeekDay[];
}

export interface DaySheetFile {
  fileName: string;
  content: string;
  count: number;
}
