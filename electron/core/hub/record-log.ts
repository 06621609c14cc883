import type { PoolClient } from 'pg';

export const HUB_CHANNEL = 'clinicsync_hub';

export interface SealedRecord {
  address: Buffer;
  payload: Buffer;
  version: string | null;
}

export interface LoggedRecord {
  seq: number;
  address: Buffer;
  payload: Buffer;
}

/**
 * Publishes in one transaction what `build` returns for the outbox entries after the ones the hub
 * already has from this desk. The desk's row is locked first, so a publish retried after a crash (the
 * hub committed, the desk died before noting it) sends nothing twice; the sequence row is locked
 * next, so sequence order is commit order. Returns the outbox id the hub now has up to.
 */
export async function publishRecords(
  client: PoolClient,
  deskId: string,
  build: (publishedUpTo: number) => { records: SealedRecord[]; upTo: number },
): Promise<{ upTo: number; published: number }> {
  const desk = await client.query<{ published_outbox_id: string }>('SELECT published_outbox_id FROM hub_desks WHERE id = $1 FOR UPDATE', [
    deskId,
  ]);
  const row = desk.rows[0];
  if (!row) throw new Error('This desk is not registered on the hub.');
  const already = Number(row.published_outbox_id);
  const { records, upTo } = build(already);
  if (upTo <= already) return { upTo: already, published: 0 };
  // One row per address (the latest), since one statement cannot update a row twice.
  const latest = new Map<string, SealedRecord>();
  for (const record of records) latest.set(record.address.toString('hex'), record);
  const unique = [...latest.values()];
  if (unique.length > 0) {
    const seq = await client.query<{ last_seq: string }>('UPDATE hub_sequence SET last_seq = last_seq + $1 RETURNING last_seq', [
      unique.length,
    ]);
    const last = Number(seq.rows[0]?.last_seq);
    await client.query(
      `INSERT INTO hub_records (address, seq, payload, version, desk_id)
       SELECT address, seq, payload, version, $5 FROM unnest($1::bytea[], $2::bigint[], $3::bytea[], $4::text[]) AS r (address, seq, payload, version)
       ON CONFLICT (address) DO UPDATE SET seq = excluded.seq, payload = excluded.payload, version = excluded.version,
         desk_id = excluded.desk_id, published_at = now()
       WHERE hub_records.version IS NULL OR excluded.version > hub_records.version`,
      [
        unique.map((r) => r.address),
        unique.map((_, index) => last - unique.length + 1 + index),
        unique.map((r) => r.payload),
        unique.map((r) => r.version),
        deskId,
      ],
    );
    await client.query(`NOTIFY ${HUB_CHANNEL}`);
  }
  await client.query('UPDATE hub_desks SET published_outbox_id = $2, last_contact_at = now() WHERE id = $1', [deskId, upTo]);
  return { upTo, published: unique.length };
}

/** The records published after `afterSeq`, in sequence order. */
export async function recordsAfter(client: PoolClient, afterSeq: number, limit: number): Promise<LoggedRecord[]> {
  const rows = await client.query<{ seq: string; address: Buffer; payload: Buffer }>(
    'SELECT seq, address, payload FROM hub_records WHERE seq > $1 ORDER BY seq LIMIT $2',
    [afterSeq, limit],
  );
  return rows.rows.map((row) => ({ seq: Number(row.seq), address: row.address, payload: row.payload }));
}

/** How far behind a desk that applied up to `appliedSeq` is: records waiting, and the age of the oldest. */
export async function lagAfter(client: PoolClient, appliedSeq: number): Promise<{ records: number; seconds: number }> {
  const row = (
    await client.query<{ records: string; seconds: number | null }>(
      'SELECT count(*) AS records, extract(epoch FROM now() - min(published_at))::float8 AS seconds FROM hub_records WHERE seq > $1',
      [appliedSeq],
    )
  ).rows[0];
  return { records: Number(row?.records ?? 0), seconds: Math.max(0, Math.round(row?.seconds ?? 0)) };
}

/** The records at these addresses (those the hub has). */
export async function recordsAt(client: PoolClient, addresses: Buffer[]): Promise<LoggedRecord[]> {
  if (addresses.length === 0) return [];
  const rows = await client.query<{ seq: string; address: Buffer; payload: Buffer }>(
    'SELECT seq, address, payload FROM hub_records WHERE address = ANY($1::bytea[]) ORDER BY seq',
    [addresses],
  );
  return rows.rows.map((row) => ({ seq: Number(row.seq), address: row.address, payload: row.payload }));
}
