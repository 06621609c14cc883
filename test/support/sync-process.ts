/**
 * One sync in its own process, as `clinicsync sync` runs it, but on a compressed clock to match a
 * time-scaled emulator. Prints the finished runs as JSON. Usage (env: CLINICSYNC_DB_KEY):
 *   tsx test/support/sync-process.ts <data dir> <key dir> <time scale>
 */
import { openHeadlessService } from '../../electron/core/app/headless';

const [dataDir, keyDir, timeScale] = process.argv.slice(2);
if (!dataDir || !keyDir || !timeScale) throw new Error('usage: sync-process.ts <data dir> <key dir> <time scale>');
const service = openHeadlessService({
  name: 'ClinicSync',
  version: 'test',
  dataDir,
  keyDir,
  connectorOptions: { timeScale: Number(timeScale) },
});
try {
  const start = await service.sync.start({ mode: 'full', trigger: 'manual' });
  const runs = await start.done;
  process.stdout.write(
    JSON.stringify(runs.map((run) => ({ status: run.status, apiRequests: run.apiRequests, waitedMs: run.rateLimitWaitMs }))),
  );
} finally {
  await service.close();
}
