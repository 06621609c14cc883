import type { RosterQuery, RosterSortField } from '../../domain';
import { toFlag } from '../sql-values';

export interface RosterFilter {
  conditions: string[];
  params: Record<string, string | number>;
}

// Nullable keys sort "missing" as the largest, and each list matches one index (0001) read in
// either direction, so a window of a sorted roster never sorts all 50,000 rows.
const SORT_KEYS: Record<RosterSortField, string[]> = {
  name: ['p.sort_name'],
  dateOfBirth: ['p.date_of_birth IS NULL', 'p.date_of_birth'],
  nextAppointment: ['p.next_starts_at IS NULL', 'p.next_starts_at'],
  lastSyncedAt: ['p.last_synced_at IS NULL', 'p.last_synced_at'],
};

const MIN_TRIGRAM = 3;
const PHONE_LIKE = /^[\d\s\-().+]+$/;

export function rosterOrderBy(sort: RosterQuery['sort']): string {
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  return [...SORT_KEYS[sort.field], 'p.id'].map((key) => `${key} ${dir}`).join(', ');
}

/** The WHERE conditions (over patients as `p`) and their parameters for a roster query. */
export function rosterFilter(query: RosterQuery): RosterFilter {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (condition: string, values: Record<string, string | number> = {}) => {
    conditions.push(condition);
    Object.assign(params, values);
  };
  if (query.search !== undefined) addSearch(query.search, add);
  if (query.source !== undefined) add('p.source = @source', { source: query.source });
  if (query.organizationId !== undefined) {
    add('p.id IN (SELECT patient_id FROM patient_organizations WHERE organization_id = @organizationId)', {
      organizationId: query.organizationId,
    });
  }
  if (query.affiliated !== undefined) {
    add(`p.id ${query.affiliated ? 'IN' : 'NOT IN'} (SELECT patient_id FROM patient_organizations)`);
  }
  if (query.hasUpcoming !== undefined) add(`p.next_starts_at IS ${query.hasUpcoming ? 'NOT NULL' : 'NULL'}`);
  if (query.status !== undefined) {
    add('EXISTS (SELECT 1 FROM appointments a WHERE a.id = p.next_appointment_id AND a.status = @status)', {
      status: query.status,
    });
  }
  if (query.archived !== undefined) add('p.archived = @archived', { archived: toFlag(query.archived) });
  if (query.removed !== undefined) add('p.deleted = @removed', { removed: toFlag(query.removed) });
  if (query.hasRemoteId !== undefined) add(`p.external_id IS ${query.hasRemoteId ? 'NOT NULL' : 'NULL'}`);
  return { conditions, params };
}

/**
 * Every word must match name, email or phone somewhere. Words of 3+ characters go to the trigram
 * index; shorter ones (too short for trigrams) fall back to LIKE on the same fields.
 */
function addSearch(search: string, add: (condition: string, values?: Record<string, string>) => void): void {
  const words = search.trim().split(/\s+/).filter((word) => word.length > 0);
  const phrases: string[] = [];
  words.forEach((word, index) => {
    if ([...word].length < MIN_TRIGRAM) {
      const name = `like${index}`;
      add(
        `(${['p.first_name', 'p.last_name', 'p.email', 'p.phone_digits'].map((column) => `${column} LIKE @${name} ESCAPE '\\'`).join(' OR ')})`,
        { [name]: `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
      return;
    }
    const phrase = `"${word.replace(/"/g, '""')}"`;
    const digits = word.replace(/\D/g, '');
    const phoneVariant = PHONE_LIKE.test(word) && digits !== word && digits.length >= MIN_TRIGRAM;
    phrases.push(phoneVariant ? `(${phrase} OR phone_digits : "${digits}")` : phrase);
  });
  if (phrases.length > 0) {
    add('p.id IN (SELECT rowid FROM patient_search WHERE patient_search MATCH @match)', { match: phrases.join(' AND ') });
  }
}
