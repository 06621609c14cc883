/**
 * A process that starts a source's first full sync and keeps going until it is killed (see
 * test/integration/reliability/killed-first-load.test.ts). Arguments: data folder, key folder,
 * emulator URL, API key; the cache key comes in CLINICSYNC_DB_KEY.
 */
import { openHeadlessService } from '../../electron/core/app/headless';
import { anchoredNow } from './test-clock';

const [dataDir, keyDir, baseUrl, apiKey] = process.argv.slice(2) as [string, string, string, string];
const now = anchoredNow();
const service = openHeadlessService({
  name: 'ClinicSync',
  version: '1.2.3',
  dataDir,
  keyDir,
  env: process.env,
  now,
  connectorOptions: { now },
});
const source = await service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey, baseUrl });
const start = await service.sync.start({ sources: [source.id], mode: 'full', trigger: 'manual' });
process.stdout.write(`started ${String(start.started[0]?.runId)}\n`);
await start.done;
process.stdout.write('finished\n');
