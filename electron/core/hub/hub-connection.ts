import pg from 'pg';
import { UserFacingError } from '../errors';
import { clientConfig, formatHubUrl, type HubAddress } from './hub-url';

/** A small pool to the hub: every unit of work is one transaction, so a transaction-mode pooler works. */
export class HubConnection {
  readonly #pool: pg.Pool;
  readonly #password: string | null;

  constructor(
    readonly address: HubAddress,
    password: string | null,
  ) {
    this.#password = password;
    this.#pool = new pg.Pool({ ...clientConfig(address, password), max: 2, idleTimeoutMillis: 5_000 });
    // An idle client losing its server (the hub restarted) must not crash the process.
    this.#pool.on('error', () => undefined);
  }

  /** Runs `fn` on one client; hub errors come back as messages a clinic admin can act on. */
  async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw hubError(error, this.address);
    }
    try {
      return await fn(client);
    } catch (error) {
      throw fromHub(error) ? hubError(error, this.address) : error;
    } finally {
      client.release();
    }
  }

  /** Runs `fn` in one transaction, rolled back whole when it throws. */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * A session of its own that LISTENs on `channel` and calls `onNotify` for each NOTIFY; `onEnd` when
   * the session is lost. Only a wake-up call: behind a transaction-mode pooler it may never fire, and
   * the desks poll as well. Returns the function that closes it.
   */
  async listen(channel: string, onNotify: () => void, onEnd: () => void): Promise<() => Promise<void>> {
    const client = new pg.Client(clientConfig(this.address, this.#password));
    client.on('error', () => undefined);
    client.on('end', onEnd);
    client.on('notification', onNotify);
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeListener('end', onEnd);
      await client.end().catch(() => undefined);
      throw hubError(error, this.address);
    }
    return async () => {
      client.removeListener('end', onEnd);
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** An error of the hub or of the way to it (a PostgreSQL error, a network error), not of this desk's own code. */
function fromHub(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /Connection terminated|timeout/i.test(String((error as Error).message));
}

/** What went wrong reaching the hub, in words; the URL is shown without its password. */
export function hubError(error: unknown, address: HubAddress): UserFacingError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const where = formatHubUrl(address);
  if (code === '28P01' || code === '28000') {
    return new UserFacingError('hub_auth_failed', `The clinic hub at ${where} refused the user name or password.`);
  }
  if (code === '3D000') return new UserFacingError('hub_not_found', `There is no database ${address.database} at ${where}.`);
  if (/certificate|self.signed|SSL|TLS/i.test(message)) {
    return new UserFacingError('hub_tls_failed', `The clinic hub at ${where} could not be verified over TLS: ${message}`);
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    /timeout|terminat/i.test(message)
  ) {
    return new UserFacingError('hub_unreachable', `The clinic hub at ${where} cannot be reached right now (${code ?? message}).`);
  }
  return new UserFacingError('hub_failed', `The clinic hub at ${where} answered with an error: ${message}`);
}
