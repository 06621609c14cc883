/**
 * One follower desk of hub.bench.ts in its own process, as on its own computer: joins the hub, keeps
 * in step with it (NOTIFY + polling), prints "applied N" as records arrive, and on "stop" on stdin
 * writes when each record was applied (how many appointments it holds, where its applying time went) to a file, prints
 * "stamps FILE" and exits.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openTestService } from '../support/test-service';
import { profileApplying } from './hub-bench-profile';
import { appointmentCount, cacheOf, stampApplies, type FollowerReport, type Stamps } from './hub-bench-stamps';

const [url, joinCode, name] = process.argv.slice(2);
if (!url || !joinCode || !name) throw new Error('usage: hub-bench-desk URL JOINCODE NAME');
const desk = openTestService({ deskName: name });
await desk.service.hub.join({ url, joinCode });
const stamps: Stamps = new Map();
stampApplies(cacheOf(desk.service), desk.service.hub.state, stamps, (count) => process.stdout.write(`applied ${count}\n`));
const profile = profileApplying(await desk.service.hub.session(), cacheOf(desk.service));
await desk.service.watchHub();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'stop') continue;
  const file = path.join(desk.dataDir, '..', 'apply-stamps.json');
  const report: FollowerReport = { stamps: [...stamps], appointments: appointmentCount(cacheOf(desk.service)), profile: profile() };
  writeFileSync(file, JSON.stringify(report));
  await desk.service.close();
  process.stdout.write(`stamps ${file}\n`, () => process.exit(0));
}
