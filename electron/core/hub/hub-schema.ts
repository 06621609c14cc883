import { createHash } from 'node:crypto';

/**
 * The hub's schema, one migration per entry, checksummed like the local cache's. What the server
 * holds: keyed hashes (bytea addresses), sealed payloads, sequence numbers, counters and times.
 * Never a name, an API id or a key in clear.
 */
const MIGRATIONS: Array<{ name: string; sql: string }> = [
  {
    name: 'hub_tables',
    sql: `
CREATE TABLE hub_clinic (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  key_check  bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The record log's counter: taking its row lock in the publishing transaction makes sequence
-- order equal commit order, so a desk that applied up to N never misses a record below N.
CREATE TABLE hub_sequence (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq  bigint NOT NULL
);
INSERT INTO hub_sequence (last_seq) VALUES (0);

CREATE TABLE hub_desks (
  id                  uuid PRIMARY KEY,
  name_sealed         bytea NOT NULL,
  joined_at           timestamptz NOT NULL DEFAULT now(),
  last_contact_at     timestamptz NOT NULL DEFAULT now(),
  applied_seq         bigint NOT NULL DEFAULT 0,
  -- The desk's outbox is in the hub up to this local id: a publish retried after a crash skips it.
  published_outbox_id bigint NOT NULL DEFAULT 0,
  left_at             timestamptz
);

-- The latest state of every record, addressed by a keyed hash; seq moves on each publish.
CREATE TABLE hub_records (
  address      bytea PRIMARY KEY,
  seq          bigint NOT NULL UNIQUE,
  payload      bytea NOT NULL,
  -- For records any desk may edit (notes): "time|keyed hash of the text"; an older version never
  -- replaces a newer one. NULL for synced records, which only the lease holder publishes.
  version      text,
  desk_id      uuid NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

-- One desk pulls each source from its API at a time: a row with an expiry, renewed by heartbeat
-- (no advisory lock: they do not survive a transaction-mode pooler).
CREATE TABLE hub_leases (
  source_address bytea PRIMARY KEY,
  desk_id        uuid NOT NULL,
  acquired_at    timestamptz NOT NULL,
  heartbeat_at   timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);

-- API requests spent per credential and budget window, counted across desks (the credential's own
-- non-secret key is sealed, so the desk that takes over can put the count back where its limiter reads it).
CREATE TABLE hub_budgets (
  credential_address bytea NOT NULL,
  credential_sealed  bytea NOT NULL,
  budget             text NOT NULL,
  window_start       timestamptz NOT NULL,
  used               integer NOT NULL,
  PRIMARY KEY (credential_address, budget)
);
`,
  },
];

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const HUB_MIGRATIONS: HubMigration[] = MIGRATIONS.map((migration, index) => ({
  version: index + 1,
  ...migration,
  checksum: createHash('sha256').update(migration.sql).digest('hex'),
}));
