import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster in a temporary folder, on a loopback port, with a password. */
export interface PgCluster {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A URL (with the password) to a fresh, empty database of this cluster. */
  createDatabase(name: string): Promise<string>;
  /** The same URL without the password. */
  urlWithoutPassword(database: string): string;
  /** Runs one statement on a database of the cluster, as its admin. */
  query<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]>;
  /** `pg_dump` of one database, as plain SQL text. */
  dump(database: string): Promise<string>;
  /** Stops the server (fast shutdown: clients are disconnected), keeping its files. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's programs (Debian puts them under /usr/lib/postgresql/N/bin). */
export function postgresBin(): string {
  const fromEnv = process.env.CLINICSYNC_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest || !existsSync(path.join(root, newest, 'bin', 'initdb'))) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/initdb): apt-get install -y postgresql, as .ci/run does.');
  }
  return path.join(root, newest, 'bin');
}

const asRoot = userInfo().uid === 0;

/** PostgreSQL refuses to run as root: then its programs run as the `postgres` user. */
function pgCommand(program: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const file = path.join(postgresBin(), program);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** initdb + pg_ctl start in a temporary folder; call destroy() after. */
export async function startPgCluster(): Promise<PgCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-pg-'));
  const dataDir = path.join(root, 'data');
  const user = 'hubadmin';
  const password = randomBytes(12).toString('hex');
  const pwfile = path.join(root, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(root, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(root, 0o700);
  await pgCommand('initdb', ['-D', dataDir, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${root} -c fsync=off -c full_page_writes=off`;
  const start = () => pgCommand('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  const stop = () => pgCommand('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  await start();

  const url = (database: string, withPassword: boolean) =>
    `postgres://${user}${withPassword ? `:${password}` : ''}@127.0.0.1:${port}/${database}`;
  return {
    port,
    user,
    password,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url('postgres', true) });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return url(name, true);
    },
    urlWithoutPassword: (database) => url(database, false),
    async query<T extends pg.QueryResultRow>(database: string, sql: string) {
      const client = new pg.Client({ connectionString: url(database, true) });
      await client.connect();
      try {
        return (await client.query<T>(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async dump(database) {
      const dumpFile = path.join(root, `${database}.sql`);
      await run(
        asRoot ? 'runuser' : path.join(postgresBin(), 'pg_dump'),
        [
          ...(asRoot ? ['-u', 'postgres', '--', path.join(postgresBin(), 'pg_dump')] : []),
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          user,
          '-f',
          dumpFile,
          database,
        ],
        { env: { ...process.env, PGPASSWORD: password } },
      );
      return readFileSync(dumpFile, 'utf8');
    },
    stop: async () => {
      await stop();
    },
    start: async () => {
      await start();
    },
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  // `id -u postgres` without a shell: the passwd file is the source of truth on Debian.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('There is no `postgres` user to run PostgreSQL as (running as root); install the postgresql package.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
