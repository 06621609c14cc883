/**
 * A day at the practice between two syncs: the edits, reschedules, cancellations, no-shows, archives,
 * hard deletes and new patients an incremental sync must bring home, with the change rows each one
 * should leave in the feed.
 */
import type { ChangeKind } from '../../../../electron/core/domain';
import type { Window } from './cache-view';
import type { ExpectedAppointment, Truth } from './truth';
import type { Upstream } from './upstream';

const DAY_MS = 86_400_000;

export interface DayOfChanges {
  /** (appointment id, change kind) pairs the next sync must record, sorted. */
  expectedChanges: Array<[string, ChangeKind]>;
  editedPatient: string;
  archivedPatient: string;
  deletedPatient: string;
  newPatient: string;
}

function pick(rows: ExpectedAppointment[], used: Set<string>, what: string): ExpectedAppointment {
  const row = rows.find((r) => !used.has(r.externalId) && !used.has(`patient:${r.patientExternalId}`));
  if (!row) throw new Error(`The dataset has no ${what} appointment left to change`);
  used.add(row.externalId);
  return row;
}

/** Applies the day's changes upstream, choosing records from `truth` inside `window`. */
export function applyDayOfChanges(upstream: Upstream, truth: Truth, window: Window): DayOfChanges {
  const now = upstream.now().getTime();
  const inWindow = [...truth.appointments.values()].filter((a) => a.startsAt >= window.from && a.startsAt < window.to && !a.deleted);
  const active = (a: ExpectedAppointment) => a.status !== 'cancelled' && a.status !== 'declined' && a.status !== 'no_show';
  const upcoming = inWindow.filter((a) => Date.parse(a.startsAt) > now + DAY_MS && Date.parse(a.startsAt) < now + 60 * DAY_MS && active(a));
  const past = inWindow.filter((a) => Date.parse(a.startsAt) < now - DAY_MS && active(a));
  const [edited, archived, deleted] = [...truth.patients.values()].filter((p) => !p.archived);
  if (!edited || !archived || !deleted) throw new Error('The dataset lacks the patients this scenario needs');
  // Appointments of these patients are left alone, so each change stands on its own.
  const used = new Set([edited, archived, deleted].map((p) => `patient:${p.externalId}`));
  const changes: Array<[string, ChangeKind]> = [];
  upstream.editPatient(edited.externalId, { lastName: 'Okonkwo-Reyes', email: 'moved.house@example.test' });
  upstream.archivePatient(archived.externalId);
  upstream.deletePatient(deleted.externalId);
  // A deleted patient's appointments go with them.
  for (const a of inWindow) if (a.patientExternalId === deleted.externalId) changes.push([a.externalId, 'removed']);

  const rescheduled = pick(upcoming, used, 'upcoming');
  upstream.reschedule(rescheduled.externalId, new Date(Date.parse(rescheduled.startsAt) + 2 * DAY_MS + 3_600_000).toISOString());
  changes.push([rescheduled.externalId, 'rescheduled']);

  const cancelled = pick(upcoming, used, 'upcoming');
  upstream.cancel(cancelled.externalId, 'Sick');
  changes.push([cancelled.externalId, 'cancelled']);

  const moved = pick(upcoming, used, 'upcoming');
  upstream.changePractitioner(moved.externalId);
  changes.push([moved.externalId, 'practitioner_changed']);

  const noShow = pick(past, used, 'past');
  upstream.markNoShow(noShow.externalId);
  changes.push([noShow.externalId, 'no_show']);

  const removed = pick(upcoming, used, 'upcoming');
  upstream.deleteAppointment(removed.externalId);
  changes.push([removed.externalId, 'removed']);

  // Cliniko's appointment field holds the practitioner's link, which a new patient link leaves alone;
  // IntakeQ's invitation link is the client's, and it changes.
  const relinked = upcoming.find((a) => a.telehealthUrl !== null && !used.has(a.externalId));
  if (relinked) {
    used.add(relinked.externalId);
    upstream.changeTelehealthUrl(relinked.externalId);
    if (upstream.kind === 'intakeq') changes.push([relinked.externalId, 'telehealth_changed']);
  }

  const newPatient = upstream.addPatient({ firstName: 'Tamsin', lastName: 'Achterberg' });
  const booked = upstream.addAppointment(newPatient, new Date(now + 9 * DAY_MS).toISOString());
  changes.push([booked, 'new']);

  changes.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return {
    expectedChanges: changes,
    editedPatient: edited.externalId,
    archivedPatient: archived.externalId,
    deletedPatient: deleted.externalId,
    newPatient,
  };
}
