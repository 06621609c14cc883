import type { PoolClient } from 'pg';
import { UserFacingError } from '../errors';
import { HUB_MIGRATIONS, type HubMigration } from './hub-schema';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the hub's schema up to date in one transaction (a row lock on the migrations table keeps two
 * desks from migrating at once). Refuses, changing nothing, a hub whose migrations differ from this
 * desk's or that is newer than this desk.
 */
export async function migrateHub(client: PoolClient, migrations: HubMigration[] = HUB_MIGRATIONS): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS hub_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await client.query('LOCK TABLE hub_migrations IN EXCLUSIVE MODE');
    const applied = (await client.query<AppliedRow>('SELECT version, name, checksum FROM hub_migrations ORDER BY version')).rows;
    checkApplied(applied, migrations);
    for (const migration of migrations.slice(applied.length)) {
      await client.query(migration.sql);
      await client.query('INSERT INTO hub_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Refuses a hub this desk cannot read; the schema checks run before anything is read or written. */
export async function checkHubSchema(client: PoolClient, migrations: HubMigration[] = HUB_MIGRATIONS): Promise<void> {
  const exists = await client.query("SELECT to_regclass('hub_migrations') IS NOT NULL AS present");
  if (!(exists.rows[0] as { present: boolean }).present) {
    throw new UserFacingError(
      'hub_not_initialized',
      'That database is not a ClinicSync hub yet: create one first with `clinicsync hub init`.',
    );
  }
  checkApplied((await client.query<AppliedRow>('SELECT version, name, checksum FROM hub_migrations ORDER BY version')).rows, migrations);
}

function checkApplied(applied: AppliedRow[], migrations: HubMigration[]): void {
  const newest = applied.at(-1);
  if (newest && newest.version > migrations.length) {
    throw new UserFacingError(
      'hub_newer_than_desk',
      `The clinic hub was set up by a newer version of ClinicSync (hub schema ${newest.version}; this desk knows up to ${migrations.length}). Update ClinicSync on this desk.`,
    );
  }
  applied.forEach((row, index) => {
    const known = migrations[index];
    if (row.version !== index + 1 || !known || known.name !== row.name || known.checksum !== row.checksum) {
      throw new UserFacingError(
        'hub_schema_mismatch',
        `The clinic hub's schema does not match this version of ClinicSync (migration ${row.version} ${row.name} differs). ClinicSync will not change it.`,
      );
    }
  });
}
