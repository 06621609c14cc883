import type { Practitioner, RemoteAppointment, RemotePatient, SourceKind, SyncRun } from '../domain';
import type { ClinicKey, RecordName } from './clinic-key';
import { sharedChangeRef, type SharedDoneMark } from './local-done-marks';
import type { SharedNote } from './local-notes';

/** The desk a record came from. */
export interface Origin {
  deskId: string;
  deskName: string;
}

/** What a sealed hub record holds once opened: one record's whole latest state. */
export type HubPayload = Origin & HubRecord;

/** A payload without its origin. */
export type HubRecord =
  | { kind: 'source'; source: { id: string; kind: SourceKind; name: string; baseUrl: string | null } }
  | { kind: 'practitioner'; record: Practitioner }
  | { kind: 'patient'; record: RemotePatient; lastSyncedAt: string | null }
  | { kind: 'appointment'; record: RemoteAppointment; lastSyncedAt: string; originRunId: number | null }
  | { kind: 'run'; run: SyncRun }
  | { kind: 'cursor'; source: string; resource: string; value: string }
  | {
      kind: 'org-link';
      patient: { source: string; externalId: string };
      organization: string;
      linked: boolean;
      /** When it was linked, or when the link was removed. */
      updatedAt: string;
    }
  /** A removal is a write too: `updatedAt` is the moment of removal, with `removed` set. */
  | ({ kind: 'note'; removed: boolean } & SharedNote)
  | ({ kind: 'done-mark' } & SharedDoneMark);

/**
 * The order of a note's versions, the same on every desk and on the hub: the later write wins, and
 * of two written at the same instant, the one whose text has the larger keyed hash. A removal is a
 * write of an empty text at the moment of removal.
 */
export function noteVersion(key: ClinicKey, note: { updatedAt: string; body: string; removed: boolean }): string {
  return `${note.updatedAt}|${key.tiebreak(note.removed ? '' : note.body)}`;
}

/** An organization link's versions follow the same rule as notes: the later change wins. */
export function linkVersion(key: ClinicKey, link: { updatedAt: string; linked: boolean }): string {
  return `${link.updatedAt}|${key.tiebreak(link.linked ? 'linked' : '')}`;
}

/**
 * Done-marks follow the same rule: the later set or clear wins; of two at the same instant, the one
 * whose mark (time and computer; a clear is empty) has the larger keyed hash.
 */
export function doneMarkVersion(key: ClinicKey, mark: { updatedAt: string; done: { at: string; by: string } | null }): string {
  return `${mark.updatedAt}|${key.tiebreak(mark.done ? `done\n${mark.done.at}\n${mark.done.by}` : '')}`;
}

/** The version the hub orders a record's writes by; null for synced records (the lease holder's latest wins). */
export function recordVersion(key: ClinicKey, payload: HubPayload): string | null {
  switch (payload.kind) {
    case 'note':
      return noteVersion(key, payload);
    case 'org-link':
      return linkVersion(key, payload);
    case 'done-mark':
      return doneMarkVersion(key, payload);
    default:
      return null;
  }
}

/** The keyed-hash input of each payload: the same record gets the same address on every desk. */
export function recordName(payload: HubPayload): RecordName {
  switch (payload.kind) {
    case 'source':
      return { kind: 'source', source: payload.source.id, ref: payload.source.id };
    case 'practitioner':
    case 'patient':
    case 'appointment':
      return { kind: payload.kind, source: payload.record.source, ref: payload.record.externalId };
    case 'run':
      return { kind: 'run', source: payload.deskId, ref: String(payload.run.id) };
    case 'cursor':
      return { kind: 'cursor', source: payload.source, ref: payload.resource };
    case 'org-link':
      return { kind: 'org-link', source: payload.patient.source, ref: `${payload.patient.externalId}\n${payload.organization}` };
    case 'note':
      return { kind: 'note', source: '', ref: payload.sharedId };
    case 'done-mark':
      return { kind: 'done-mark', source: payload.change.source, ref: sharedChangeRef(payload.change) };
  }
}
