import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toDaySheetCsv } from '../../../electron/core/day-sheet/day-sheet-csv';
import { escapeText, foldLine, toICalendar } from '../../../electron/core/day-sheet/icalendar';
import type { DaySheetRow } from '../../../electron/core/domain';

function row(overrides: Partial<DaySheetRow> = {}): DaySheetRow {
  return {
    source: 'north',
    sourceName: 'Northside',
    externalId: '9223372036854775807',
    startsAt: '2026-03-08T22:30:00.000Z',
    endsAt: '2026-03-08T23:15:00.000Z',
    patientId: 7,
    patientName: 'Aroha Ngata',
    practitionerName: 'Dr Mei Chen',
    serviceName: 'Initial consult',
    locationName: 'Main St',
    status: 'confirmed',
    cancellationReason: null,
    telehealthUrl: null,
    changes: [],
    changedAt: null,
    ...overrides,
  };
}

const STAMP = '2026-03-08T20:00:00.000Z';

/** Parsed by ical.js (Mozilla's RFC 5545 parser), not by anything of ours. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

describe('the day sheet as iCalendar', () => {
  it('parses back to the same appointments, at the same instants, with CRLF lines of at most 75 octets', () => {
    const rows = [
      row(),
      row({
        externalId: '42',
        patientName: 'Zoë Ōtaki-Brown; “the second”, with a very long name that needs folding across lines',
        serviceName: 'Follow-up, 30 min\nroom 2',
        locationName: 'Level 1, 10 Smith St; Fitzroy',
        telehealthUrl: 'https://video.example.test/rooms/a-b-c?token=xyz',
        status: 'cancelled',
        cancellationReason: 'Unwell \\ rebooking',
        changes: ['rescheduled', 'practitioner_changed'],
      }),
    ];
    const ics = toICalendar(rows, 'ClinicSync appointments 2026-03-09', STAMP);

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);

    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//ClinicSync//Day sheet//EN');
    expect(events).toHaveLength(2);
    const [first, second] = events as [ICAL.Event, ICAL.Event];
    expect(first.uid).toBe('north-9223372036854775807@clinicsync');
    expect(first.summary).toBe('Aroha Ngata — Initial consult');
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-03-08T22:30:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-03-08T23:15:00.000Z');
    expect(first.startDate.zone?.tzid).toBe('UTC');
    expect(first.location).toBe('Main St');
    expect(first.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

    expect(second.summary).toBe(
      'Zoë Ōtaki-Brown; “the second”, with a very long name that needs folding across lines — Follow-up, 30 min\nroom 2',
    );
    expect(second.location).toBe('Level 1, 10 Smith St; Fitzroy');
    expect(second.description).toContain('Reason: Unwell \\ rebooking');
    expect(second.description).toContain('Changed: Rescheduled, Practitioner changed');
    expect(second.description).toContain('Telehealth: https://video.example.test/rooms/a-b-c?token=xyz');
    expect(second.component.getFirstPropertyValue('url')).toBe('https://video.example.test/rooms/a-b-c?token=xyz');
    expect(second.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('leaves DTEND out when the end is unknown, and writes a calendar with no events for an empty day', () => {
    const { events } = parse(toICalendar([row({ endsAt: null })], 'x', STAMP));
    expect(events[0]?.component.hasProperty('dtend')).toBe(false);
    expect(parse(toICalendar([], 'Empty', STAMP)).events).toEqual([]);
  });

  it('escapes TEXT and folds without splitting a character', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});

describe('the day sheet as CSV', () => {
  it('gives clinic-time dates and times, then the UTC instant, with formulas neutralised', () => {
    const csv = toDaySheetCsv([row(), row({ patientName: '=HYPERLINK("x")', endsAt: null, changes: ['new'] })], 'Australia/Melbourne');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'date,start,end,patient,practitioner,service,location,status,telehealth,changed,source,startsAtUtc,appointmentId',
    );
    expect(lines[1]).toBe(
      '2026-03-09,09:30,10:15,Aroha Ngata,Dr Mei Chen,Initial consult,Main St,Confirmed,,,Northside,2026-03-08T22:30:00.000Z,9223372036854775807',
    );
    expect(lines[2]).toContain(`,,"'=HYPERLINK(""x"")",`);
    expect(lines[2]).toContain(',New,');
  });
});
