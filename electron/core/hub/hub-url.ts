import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ClientConfig } from 'pg';
import { UserFacingError } from '../errors';

/** Where the hub is, without its password (the password is a secret, kept apart). */
export interface HubAddress {
  host: string;
  port: number;
  database: string;
  user: string;
  /** A CA bundle for a hub whose certificate is signed by the clinic's own authority. */
  caFile: string | null;
}

export const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Reads `postgres://user[:password]@host[:port]/database[?sslrootcert=FILE]`. TLS with certificate
 * verification is required for every host but loopback, so `sslmode` may only ask for that.
 */
export function parseHubUrl(text: string): { address: HubAddress; password: string | null } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UserFacingError('invalid_hub_url', 'The hub address must look like postgres://user@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UserFacingError('invalid_hub_url', 'The hub address must start with postgres:// (a PostgreSQL database).');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  if (!url.hostname || !database || !user) {
    throw new UserFacingError(
      'invalid_hub_url',
      'The hub address needs a user, a host and a database: postgres://user@host:5432/database.',
    );
  }
  const sslmode = url.searchParams.get('sslmode');
  const host = url.hostname;
  if (!isLoopback(host) && sslmode !== null && sslmode !== 'verify-full') {
    throw new UserFacingError(
      'insecure_hub_url',
      `A hub on another computer is reached only over TLS with its certificate verified; remove sslmode=${sslmode} (or use sslmode=verify-full).`,
    );
  }
  for (const name of url.searchParams.keys()) {
    if (name !== 'sslmode' && name !== 'sslrootcert') {
      throw new UserFacingError('invalid_hub_url', `The hub address has an option ClinicSync does not use: ${name}.`);
    }
  }
  const port = url.port ? Number(url.port) : 5432;
  return {
    address: { host, port, database, user, caFile: url.searchParams.get('sslrootcert') },
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}

/** The address as shown and stored: never with a password. */
export function formatHubUrl(address: HubAddress): string {
  const host = isIP(address.host) === 6 ? `[${address.host}]` : address.host;
  const query = address.caFile ? `?sslrootcert=${encodeURIComponent(address.caFile)}` : '';
  return `postgres://${encodeURIComponent(address.user)}@${host}:${address.port}/${encodeURIComponent(address.database)}${query}`;
}

/** node-postgres settings: TLS verified against the system's authorities (or the given CA) off loopback. */
export function clientConfig(address: HubAddress, password: string | null): ClientConfig {
  const ssl = isLoopback(address.host)
    ? false
    : { rejectUnauthorized: true, servername: address.host, ...(address.caFile ? { ca: readFileSync(address.caFile, 'utf8') } : {}) };
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    password: password ?? undefined,
    ssl,
    connectionTimeoutMillis: 10_000,
    application_name: 'clinicsync',
  };
}
