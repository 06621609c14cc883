import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openHeadlessService, type HeadlessOptions } from '../../electron/core/app/headless';
import { defaultCacheFile, openCache, type Cache } from '../../electron/core/db';
import type { AppService } from '../../electron/core/service';
import { anchoredNow } from './test-clock';

export interface TestService {
  service: AppService;
  dataDir: string;
  keyDir: string;
  env: NodeJS.ProcessEnv;
  /** A second connection to the same cache, as another process would open it. */
  openCache(): Cache;
  /** Closes the service and deletes its folders. */
  dispose(): Promise<void>;
}

/**
 * A real service on a real, encrypted SQLite cache in a temporary folder. Its clock (and its
 * connectors') is anchored at a fixed date unless `now` is given: pass the emulator's clock.
 */
export function openTestService(options: Partial<HeadlessOptions> = {}): TestService {
  const now = options.now ?? anchoredNow();
  const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-service-'));
  const dataDir = path.join(root, 'data');
  const keyDir = path.join(root, 'keys');
  const env = { CLINICSYNC_DB_KEY: randomBytes(32).toString('hex') };
  const service = openHeadlessService({
    name: 'ClinicSync',
    version: '1.2.3',
    dataDir,
    keyDir,
    env,
    ...options,
    now,
    connectorOptions: { now, ...options.connectorOptions },
  });
  return {
    service,
    dataDir,
    keyDir,
    env,
    openCache: () => openCache({ file: defaultCacheFile(dataDir), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } }),
    async dispose() {
      await service.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
