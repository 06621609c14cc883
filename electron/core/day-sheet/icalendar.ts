import type { AppointmentStatus, DaySheetRow } from '../domain';
import { describeChanges, statusLabel } from './wording';

/**
 * An iCalendar (RFC 5545) file of day-sheet appointments, written by hand: the format is small, and
 * what matters is exact — CRLF line ends, lines folded at 75 octets without splitting a character,
 * TEXT values escaped, every time in UTC.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, '');
}

/** Splits a content line into lines of at most 75 octets, continuing each with a space (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 2026-03-09T22:30:00.000Z → 20260309T223000Z */
export function utcStamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const EVENT_STATUS: Record<AppointmentStatus, 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'> = {
  booked: 'CONFIRMED',
  confirmed: 'CONFIRMED',
  arrived: 'CONFIRMED',
  no_show: 'CONFIRMED',
  pending: 'TENTATIVE',
  cancelled: 'CANCELLED',
  declined: 'CANCELLED',
};

function eventLines(row: DaySheetRow, stampedAt: string): string[] {
  const who = row.patientName ?? 'Patient not in the cache';
  const summary = row.serviceName ? `${who} — ${row.serviceName}` : who;
  const details = [
    `With: ${row.practitionerName ?? 'no practitioner'}`,
    `Status: ${statusLabel(row.status)}`,
    row.telehealthUrl ? `Telehealth: ${row.telehealthUrl}` : null,
    row.cancellationReason ? `Reason: ${row.cancellationReason}` : null,
    row.changes.length > 0 ? `Changed: ${describeChanges(row.changes)}` : null,
    `Source: ${row.sourceName}`,
  ].filter((line): line is string => line !== null);
  return [
    'BEGIN:VEVENT',
    // Stable across exports, so a calendar that imports the file twice updates rather than duplicates.
    `UID:${escapeText(`${row.source}-${row.externalId}@clinicsync`)}`,
    `DTSTAMP:${utcStamp(stampedAt)}`,
    `DTSTART:${utcStamp(row.startsAt)}`,
    ...(row.endsAt && row.endsAt > row.startsAt ? [`DTEND:${utcStamp(row.endsAt)}`] : []),
    `SUMMARY:${escapeText(summary)}`,
    ...(row.locationName ? [`LOCATION:${escapeText(row.locationName)}`] : []),
    `DESCRIPTION:${escapeText(details.join('\n'))}`,
    ...(row.telehealthUrl ? [`URL:${row.telehealthUrl.replace(/[\s\p{Cc}]/gu, '')}`] : []),
    `STATUS:${EVENT_STATUS[row.status]}`,
    'END:VEVENT',
  ];
}

/** The whole calendar, CRLF-terminated. `name` is shown by calendar apps that read X-WR-CALNAME. */
export function toICalendar(rows: readonly DaySheetRow[], name: string, stampedAt: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ClinicSync//Day sheet//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...rows.flatMap((row) => eventLines(row, stampedAt)),
    'END:VCALENDAR',
  ];
  return lines.map((line) => foldLine(line) + CRLF).join('');
}
