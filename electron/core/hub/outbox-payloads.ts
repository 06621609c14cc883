import type { Cache } from '../db';
import type { LocalDoneMarks } from './local-done-marks';
import type { LocalLinks } from './local-links';
import type { LocalNotes } from './local-notes';
import type { OutboxRow } from './local-state';
import type { HubPayload, HubRecord, Origin } from './payloads';

/**
 * The current state of each record an outbox entry names, as the payload to publish; null when there
 * is nothing to send (the row is gone, e.g. its source was removed, or a note's patient has no remote id).
 */
export function payloadsFor(
  cache: Cache,
  local: { notes: LocalNotes; links: LocalLinks; doneMarks: LocalDoneMarks },
  origin: Origin,
  rows: OutboxRow[],
): HubPayload[] {
  const { notes, links, doneMarks } = local;
  const practitioners = new Map<string, ReturnType<Cache['practitioners']['list']>>();
  const out: HubPayload[] = [];
  for (const row of rows) {
    const payload = payloadFor(row);
    if (payload) out.push({ ...origin, ...payload });
  }
  return out;

  function payloadFor(row: OutboxRow): HubRecord | null {
    switch (row.kind) {
      case 'source': {
        const source = cache.sources.get(row.ref);
        return source && { kind: 'source', source: { id: source.id, kind: source.kind, name: source.name, baseUrl: source.baseUrl } };
      }
      case 'practitioner': {
        if (!practitioners.has(row.source)) practitioners.set(row.source, cache.practitioners.list(row.source));
        const record = practitioners.get(row.source)?.find((p) => p.externalId === row.ref);
        return record ? { kind: 'practitioner', record } : null;
      }
      case 'patient': {
        const patient = cache.patients.getByRemoteId(row.source, row.ref);
        if (!patient || patient.externalId === null) return null;
        const { id: _id, removedAt: _removedAt, lastSyncedAt, ...record } = patient;
        return { kind: 'patient', record: { ...record, externalId: patient.externalId }, lastSyncedAt };
      }
      case 'appointment': {
        const appointment = cache.appointments.get(row.source, row.ref);
        if (!appointment) return null;
        const { lastSyncedAt, ...record } = appointment;
        return { kind: 'appointment', record, lastSyncedAt, originRunId: row.runId };
      }
      case 'run': {
        const run = cache.runs.get(Number(row.ref));
        return run && { kind: 'run', run };
      }
      case 'cursor': {
        const value = cache.cursors.get(row.source, row.ref);
        return value === null ? null : { kind: 'cursor', source: row.source, resource: row.ref, value };
      }
      case 'note': {
        const note = notes.get(row.ref);
        return note && { kind: 'note', ...note, removed: false };
      }
      case 'org-link': {
        const [externalId = '', organization = ''] = row.ref.split('\n');
        const patient = { source: row.source, externalId };
        const linkedAt = links.linkedAt(patient, organization);
        return { kind: 'org-link', patient, organization, linked: linkedAt !== null, updatedAt: linkedAt ?? row.queuedAt };
      }
      case 'done-mark': {
        const mark = doneMarks.get(Number(row.ref));
        return mark && { kind: 'done-mark', ...mark };
      }
      case 'note-removed':
        return {
          kind: 'note',
          sharedId: row.ref,
          patient: { source: row.source, externalId: '' },
          body: '',
          author: null,
          createdAt: row.queuedAt,
          updatedAt: row.queuedAt,
          removed: true,
        };
      default:
        return null;
    }
  }
}
