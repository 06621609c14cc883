import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);
afterAll(async () => {
  await cluster.destroy();
}, 60_000);

describe('throwaway PostgreSQL cluster', () => {
  it('accepts the password, refuses a wrong one, and survives a stop and a start', async () => {
    const url = await cluster.createDatabase('harness');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]?.n).toBe(2);
    await client.end();

    const wrong = new pg.Client({ connectionString: url.replace(cluster.password, 'nope') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);

    await cluster.stop();
    await cluster.start();
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    await again.query('CREATE TABLE t (x int)');
    await again.end();
    expect(await cluster.dump('harness')).toMatch(/CREATE TABLE public\.t/);
  }, 60_000);
});
