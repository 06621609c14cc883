import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/context';
import { runCli } from '../../../electron/cli/program';
import { openHeadlessService } from '../../../electron/core/app/headless';
import { UNENCRYPTED_WARNING } from '../../../electron/core/db/cache-key';

/**
 * Issue 15 item 3: the data folder was 0755 and cache.db 0644 (whatever the umask gave), so with
 * CLINICSYNC_DB_UNENCRYPTED=1 any local user could read patient data and API keys.
 */
const modeOf = (path: string) => statSync(path).mode & 0o777;
const UNENCRYPTED = { CLINICSYNC_DB_UNENCRYPTED: '1' };

let root: string;
let previousUmask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clinicsync-modes-'));
  // The usual desktop umask: without care, folders come out 0755 and files 0644.
  previousUmask = process.umask(0o022);
});

afterEach(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  it('creates the data folder 0700 and the cache, WAL and SHM files 0600', async () => {
    const dataDir = join(root, 'nested', 'ClinicSync');
    const service = openHeadlessService({ name: 'ClinicSync', version: '1.0.0', dataDir, env: UNENCRYPTED });
    await service.settings.update({ contactEmail: 'front-desk@example.com' });
    await service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: 'secret-key-au1', baseUrl: null });
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of ['cache.db', 'cache.db-wal', 'cache.db-shm']) expect(modeOf(join(dataDir, file)), file).toBe(0o600);
    await service.close();
  });

  it('tightens a data folder and cache left open to other users, and says so once', async () => {
    const dataDir = join(root, 'ClinicSync');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'cache.db'), '', { mode: 0o644 });
    const service = openHeadlessService({ name: 'ClinicSync', version: '1.0.0', dataDir, env: UNENCRYPTED });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'cache.db'))).toBe(0o600);
    expect(service.listNotices().map((n) => n.message)).toContainEqual(expect.stringMatching(/readable only by you.*mode 755/));
    await service.close();

    const again = openHeadlessService({ name: 'ClinicSync', version: '1.0.0', dataDir, env: UNENCRYPTED });
    expect(again.listNotices().some((n) => /readable only by you/.test(n.message))).toBe(false);
    await again.close();
  });
});

describe('the unencrypted-cache warning', () => {
  it('is printed by every command that opens the cache, not only status', async () => {
    const dataDir = join(root, 'ClinicSync');
    for (const argv of [['source', 'list'], ['history'], ['status'], ['export', 'patients', '--format', 'csv']]) {
      const warnings: string[] = [];
      const io: CliIo = {
        version: '1.0.0',
        moduleDir: '/nonexistent',
        env: UNENCRYPTED,
        out: () => {},
        write: async () => {},
        status: null,
        log: { warn: (m) => void warnings.push(m), error: () => {} },
        readStdin: async () => '',
        onInterrupt: () => () => {},
        untilInterrupted: async () => {},
      };
      await runCli(['--data-dir', dataDir, ...argv], io);
      expect(
        warnings.filter((w) => w === UNENCRYPTED_WARNING),
        argv.join(' '),
      ).toHaveLength(1);
    }
  });
});
