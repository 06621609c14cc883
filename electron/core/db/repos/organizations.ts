import type { Organization } from '../../domain';
import { UserFacingError } from '../../errors';
import { sqliteErrorCode, type Db } from '../sqlite';
import { toStoredTime } from '../timestamps';

interface OrganizationRow {
  id: number;
  name: string;
  created_at: string;
}

export type OrganizationWithCount = Organization & { patientCount: number };

export type OrganizationsRepo = ReturnType<typeof createOrganizationsRepo>;

/** Local-only organizations and patient affiliations: no sync or reconciliation ever writes them. */
export function createOrganizationsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO organizations (name, created_at) VALUES (?, ?)');
  const rename = db.prepare('UPDATE organizations SET name = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM organizations WHERE id = ?');
  const byId = db.prepare('SELECT * FROM organizations WHERE id = ?');
  const all = db.prepare(`SELECT o.*, (SELECT count(*) FROM patient_organizations l WHERE l.organization_id = o.id) AS patient_count
    FROM organizations o ORDER BY o.name`);
  const link = db.prepare('INSERT OR IGNORE INTO patient_organizations (patient_id, organization_id, linked_at) VALUES (?, ?, ?)');
  const unlink = db.prepare('DELETE FROM patient_organizations WHERE patient_id = ? AND organization_id = ?');
  const ofPatient = db.prepare(`SELECT o.* FROM organizations o JOIN patient_organizations l ON l.organization_id = o.id
    WHERE l.patient_id = ? ORDER BY o.name`);

  const uniqueName = <T>(name: string, write: () => T): T => {
    try {
      return write();
    } catch (error) {
      if (sqliteErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new UserFacingError('organization_exists', `An organization named "${name}" already exists.`);
      }
      throw error;
    }
  };
  const get = (id: number): Organization | null => {
    const row = byId.get(id) as OrganizationRow | undefined;
    return row ? toOrganization(row) : null;
  };

  return {
    create(name: string, at: string): Organization {
      const id = uniqueName(name, () => Number(insert.run(name.trim(), toStoredTime(at, 'at')).lastInsertRowid));
      return get(id) as Organization;
    },
    rename(id: number, name: string): Organization {
      uniqueName(name, () => rename.run(name.trim(), id));
      const organization = get(id);
      if (!organization) throw new UserFacingError('not_found', 'That organization does not exist.');
      return organization;
    },
    /** Deletes the organization and its affiliations; the patients stay. */
    remove(id: number): void {
      remove.run(id);
    },
    get,
    list(): OrganizationWithCount[] {
      return (all.all() as Array<OrganizationRow & { patient_count: number }>).map((row) => ({
        ...toOrganization(row),
        patientCount: row.patient_count,
      }));
    },
    link(patientId: number, organizationId: number, at: string): void {
      link.run(patientId, organizationId, toStoredTime(at, 'at'));
    },
    unlink(patientId: number, organizationId: number): void {
      unlink.run(patientId, organizationId);
    },
    forPatient(patientId: number): Organization[] {
      return (ofPatient.all(patientId) as OrganizationRow[]).map(toOrganization);
    },
  };
}

function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}
