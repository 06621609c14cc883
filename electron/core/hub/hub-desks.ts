import type { PoolClient } from 'pg';
import type { ClinicKey } from './clinic-key';

export interface HubDesk {
  id: string;
  name: string;
  joinedAt: string;
  lastContactAt: string;
  appliedSeq: number;
  left: boolean;
}

const DESK_NAME = { kind: 'desk', source: '', ref: 'name' } as const;

/** Registers the desk (again, after leaving) with its name sealed: the hub never sees desk names either. */
export async function registerDesk(client: PoolClient, key: ClinicKey, id: string, name: string): Promise<void> {
  const sealed = key.seal(name, key.address({ ...DESK_NAME, source: id }));
  await client.query(
    `INSERT INTO hub_desks (id, name_sealed) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name_sealed = excluded.name_sealed, left_at = NULL, last_contact_at = now()`,
    [id, sealed],
  );
}

export async function touchDesk(client: PoolClient, id: string, appliedSeq?: number): Promise<void> {
  await client.query(
    'UPDATE hub_desks SET last_contact_at = now(), applied_seq = greatest(applied_seq, coalesce($2, applied_seq)) WHERE id = $1',
    [id, appliedSeq ?? null],
  );
}

export async function markDeskLeft(client: PoolClient, id: string): Promise<void> {
  await client.query('UPDATE hub_desks SET left_at = now() WHERE id = $1', [id]);
  await client.query('DELETE FROM hub_leases WHERE desk_id = $1', [id]);
}

export async function listDesks(client: PoolClient, key: ClinicKey): Promise<HubDesk[]> {
  const rows = (
    await client.query<{
      id: string;
      name_sealed: Buffer;
      joined_at: Date;
      last_contact_at: Date;
      applied_seq: string;
      left_at: Date | null;
    }>('SELECT id, name_sealed, joined_at, last_contact_at, applied_seq, left_at FROM hub_desks ORDER BY joined_at, id')
  ).rows;
  return rows.map((row) => ({
    id: row.id,
    name: openName(key, row.id, row.name_sealed),
    joinedAt: row.joined_at.toISOString(),
    lastContactAt: row.last_contact_at.toISOString(),
    appliedSeq: Number(row.applied_seq),
    left: row.left_at !== null,
  }));
}

export function openName(key: ClinicKey, deskId: string, sealed: Buffer): string {
  try {
    return key.open(sealed, key.address({ ...DESK_NAME, source: deskId }));
  } catch {
    return 'a desk with another key';
  }
}
