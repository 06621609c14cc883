import type { PoolClient } from 'pg';

/** A desk that stops heartbeating (killed, asleep, offline) loses its lease after this long. */
export const LEASE_TTL_MS = 60_000;

export interface HubLease {
  sourceAddress: Buffer;
  deskId: string;
  heartbeatAt: string;
  expiresAt: string;
}

/**
 * Takes the source's lease when it is free, expired, or already this desk's — one statement, so two
 * desks asking at once cannot both get it. True when this desk now holds it.
 */
export async function takeLease(client: PoolClient, sourceAddress: Buffer, deskId: string, ttlMs = LEASE_TTL_MS): Promise<boolean> {
  const result = await client.query(
    `INSERT INTO hub_leases (source_address, desk_id, acquired_at, heartbeat_at, expires_at)
     VALUES ($1, $2, now(), now(), now() + $3 * interval '1 millisecond')
     ON CONFLICT (source_address) DO UPDATE SET desk_id = excluded.desk_id, acquired_at = CASE
         WHEN hub_leases.desk_id = excluded.desk_id THEN hub_leases.acquired_at ELSE excluded.acquired_at END,
       heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
     WHERE hub_leases.desk_id = excluded.desk_id OR hub_leases.expires_at < now()
     RETURNING desk_id`,
    [sourceAddress, deskId, ttlMs],
  );
  return result.rowCount === 1;
}

/** Renews this desk's lease; false when it is no longer this desk's (it expired and another took it). */
export async function renewLease(client: PoolClient, sourceAddress: Buffer, deskId: string, ttlMs = LEASE_TTL_MS): Promise<boolean> {
  const result = await client.query(
    `UPDATE hub_leases SET heartbeat_at = now(), expires_at = now() + $3 * interval '1 millisecond'
     WHERE source_address = $1 AND desk_id = $2`,
    [sourceAddress, deskId, ttlMs],
  );
  return result.rowCount === 1;
}

export async function releaseLease(client: PoolClient, sourceAddress: Buffer, deskId: string): Promise<void> {
  await client.query('DELETE FROM hub_leases WHERE source_address = $1 AND desk_id = $2', [sourceAddress, deskId]);
}

export async function listLeases(client: PoolClient): Promise<HubLease[]> {
  const rows = (
    await client.query<{ source_address: Buffer; desk_id: string; heartbeat_at: Date; expires_at: Date }>(
      'SELECT source_address, desk_id, heartbeat_at, expires_at FROM hub_leases WHERE expires_at >= now() ORDER BY acquired_at',
    )
  ).rows;
  return rows.map((row) => ({
    sourceAddress: row.source_address,
    deskId: row.desk_id,
    heartbeatAt: row.heartbeat_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  }));
}
