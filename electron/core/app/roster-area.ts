import type { Cache } from '../db';
import type {
  CachedPatient,
  CountedRosterPage,
  Organization,
  OrganizationView,
  PatientDetail,
  PatientNote,
  RosterCounts,
  RosterPage,
  RosterQuery,
} from '../domain';
import { UserFacingError } from '../errors';
import type { Connections } from './connections';
import type { ServiceEvents } from './service-events';

/** The roster and everything staff keep about a patient locally (notes, organizations). */
export class RosterArea {
  constructor(
    private readonly cache: Cache,
    private readonly connections: Connections,
    private readonly events: ServiceEvents,
    private readonly now: () => Date,
  ) {}

  query(query: Omit<RosterQuery, 'nowIso'> & { count?: 'auto' | 'exact' }): CountedRosterPage;
  query(query: Omit<RosterQuery, 'nowIso'>): RosterPage;
  query(query: Omit<RosterQuery, 'nowIso'>): RosterPage {
    return this.cache.roster.query({ ...query, nowIso: this.now().toISOString() });
  }

  counts(): RosterCounts {
    return this.cache.roster.counts(this.now().toISOString());
  }

  detail(id: number): PatientDetail {
    const patient = this.patient(id);
    const source = this.cache.sources.get(patient.source);
    const appointments = patient.externalId === null ? [] : this.cache.appointments.forPatient(patient.source, patient.externalId);
    const nowIso = this.now().toISOString();
    return {
      patient,
      sourceName: source?.name ?? patient.source,
      past: appointments.filter((a) => a.startsAt < nowIso),
      upcoming: appointments.filter((a) => a.startsAt >= nowIso).reverse(),
      notes: this.cache.notes.forPatient(id),
      organizations: this.cache.organizations.forPatient(id),
    };
  }

  /** Pulls this one patient's record again from its source. */
  async refresh(id: number): Promise<PatientDetail> {
    const patient = this.patient(id);
    const source = this.cache.sources.get(patient.source);
    if (!source || patient.externalId === null) {
      throw new UserFacingError('not_remote', 'This patient exists only in ClinicSync, so there is nothing to refresh from the source.');
    }
    const connector = await this.connections.connectorFor(source);
    if (!connector.patientsByExternalIds) {
      throw new UserFacingError('not_supported', `${source.name} cannot look up a single patient; run a sync instead.`);
    }
    const page = await connector.patientsByExternalIds([patient.externalId]);
    if (page.records.length === 0) {
      throw new UserFacingError('not_found', `${source.name} no longer has this patient. The next full sync will mark them removed.`);
    }
    this.cache.patients.upsertPage(source.id, page.records, this.now().toISOString());
    this.events.emit('sourcesChanged', {});
    return this.detail(id);
  }

  setOrganizations(patientId: number, organizationIds: number[]): Organization[] {
    this.patient(patientId);
    const known = new Set(this.cache.organizations.list().map((org) => org.id));
    const unknown = organizationIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw new UserFacingError('not_found', `There is no organization with id ${unknown}.`);
    const at = this.now().toISOString();
    this.cache.transaction(() => {
      for (const org of this.cache.organizations.forPatient(patientId)) this.cache.organizations.unlink(patientId, org.id);
      for (const id of new Set(organizationIds)) this.cache.organizations.link(patientId, id, at);
    });
    return this.cache.organizations.forPatient(patientId);
  }

  addNote(patientId: number, body: string): PatientNote {
    this.patient(patientId);
    return this.cache.notes.add({ patientId, body }, this.now().toISOString());
  }

  updateNote(id: number, body: string): PatientNote {
    const note = this.cache.notes.update(id, body, this.now().toISOString());
    if (!note) throw new UserFacingError('not_found', 'That note no longer exists.');
    return note;
  }

  removeNote(id: number): { removed: boolean } {
    this.cache.notes.remove(id);
    return { removed: true };
  }

  organizations(): OrganizationView[] {
    return this.cache.organizations.list();
  }

  createOrganization(name: string): Organization {
    return this.cache.organizations.create(name, this.now().toISOString());
  }

  renameOrganization(id: number, name: string): Organization {
    return this.cache.organizations.rename(id, name);
  }

  removeOrganization(id: number): { removed: boolean } {
    this.cache.organizations.remove(id);
    return { removed: true };
  }

  private patient(id: number): CachedPatient {
    const patient = this.cache.patients.get(id);
    if (!patient) throw new UserFacingError('not_found', 'That patient is no longer in the cache.');
    return patient;
  }
}
