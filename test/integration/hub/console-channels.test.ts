import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubStatus } from '../../../electron/core/domain';
import { serveContract, type Dispatch } from '../../../electron/handlers';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
const opened: TestService[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);
afterAll(() => closeHubTest(opened, undefined, cluster), 60_000);

function consoleOf(): { desk: TestService; call: (channel: string, input: unknown) => Promise<unknown> } {
  const desk = openTestService();
  opened.push(desk);
  const dispatch: Dispatch = serveContract(desk.service, 'browser', (err) => {
    throw err;
  });
  return {
    desk,
    async call(channel, input) {
      const envelope = await dispatch(channel, input);
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
      return envelope.value;
    },
  };
}

describe('Settings → Share with other desks, through the contract', () => {
  it('creates a hub (join code once), joins from a second console, and both show "2 desks"; the password stays out of files', async () => {
    await cluster.createDatabase('clinic');
    const url = cluster.urlWithoutPassword('clinic');
    const first = consoleOf();
    expect(await first.call('hub:status', {})).toMatchObject({ joined: false, desks: [] });

    await expect(first.call('hub:init', { url: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(first.call('hub:init', { url, password: 'wrong' })).rejects.toMatchObject({ code: 'hub_auth_failed' });
    expect(await first.call('hub:status', {})).toMatchObject({ joined: false });

    const { joinCode } = (await first.call('hub:init', { url, password: cluster.password })) as { joinCode: string };
    const second = consoleOf();
    await expect(second.call('hub:join', { url, password: cluster.password, joinCode: 'CSHUB1-NOPE' })).rejects.toMatchObject({
      code: 'invalid_join_code',
    });
    const joined = (await second.call('hub:join', { url, password: cluster.password, joinCode })) as HubStatus;
    expect(joined).toMatchObject({ joined: true, connected: true });
    expect(joined.desks.map((d) => d.thisDesk)).toEqual([false, true]);
    expect(((await first.call('hub:status', {})) as HubStatus).desks).toHaveLength(2);

    for (const desk of [first.desk, second.desk]) {
      const files = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) =>
          statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)],
        );
      for (const file of files(desk.dataDir)) expect(readFileSync(file).includes(cluster.password), file).toBe(false);
    }

    expect(await second.call('hub:leave', {})).toEqual({ reachedHub: true });
    expect(((await first.call('hub:status', {})) as HubStatus).desks).toHaveLength(1);
  }, 60_000);
});
