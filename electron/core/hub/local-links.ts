import type { Db } from '../db/sqlite';

export interface SharedLink {
  patient: { source: string; externalId: string };
  organization: string;
  linked: boolean;
  updatedAt: string;
}

export type LocalLinks = ReturnType<typeof createLocalLinks>;

/**
 * Organization links by patient remote id and organization name (local ids differ by desk). The
 * organizations repository knows links by local ids only.
 */
export function createLocalLinks(db: Db) {
  const linkedAt = db
    .prepare(
      `SELECT l.linked_at FROM patient_organizations l JOIN patients p ON p.id = l.patient_id JOIN organizations o ON o.id = l.organization_id
       WHERE p.source = ? AND p.external_id = ? AND o.name = ?`,
    )
    .pluck();
  const patientId = db.prepare('SELECT id FROM patients WHERE source = ? AND external_id = ?').pluck();
  const organizationId = db.prepare('SELECT id FROM organizations WHERE name = ?').pluck();
  const createOrganization = db.prepare('INSERT INTO organizations (name, created_at) VALUES (?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO patient_organizations (patient_id, organization_id, linked_at) VALUES (?, ?, ?)');
  const unlink = db.prepare('DELETE FROM patient_organizations WHERE patient_id = ? AND organization_id = ?');

  return {
    /** When the patient was linked to the organization, or null when it is not. */
    linkedAt(patient: { source: string; externalId: string }, organization: string): string | null {
      return (linkedAt.get(patient.source, patient.externalId, organization) as string | undefined) ?? null;
    },

    /**
     * Applies a link or an unlink from another desk: the later change wins (an unlink older than the
     * link here leaves it). An organization this desk does not have yet is created by its name.
     * Returns 'deferred' when the patient is not in this cache yet.
     */
    apply(change: SharedLink): 'applied' | 'kept' | 'deferred' {
      const patient = patientId.get(change.patient.source, change.patient.externalId) as number | undefined;
      if (patient === undefined) return 'deferred';
      const here = this.linkedAt(change.patient, change.organization);
      let organization = organizationId.get(change.organization) as number | undefined;
      if (!change.linked) {
        if (here === null || organization === undefined || here > change.updatedAt) return 'kept';
        unlink.run(patient, organization);
        return 'applied';
      }
      if (here !== null) return 'kept';
      organization ??= Number(createOrganization.run(change.organization, change.updatedAt).lastInsertRowid);
      link.run(patient, organization, change.updatedAt);
      return 'applied';
    },
  };
}
