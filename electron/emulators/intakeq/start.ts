import { operationsOf } from '../shared/control-api';
import { FaultInjector } from '../shared/faults';
import { resolveOptions } from '../shared/options';
import { Prng } from '../shared/prng';
import { RateLimiter } from '../shared/rate-limit';
import { Router } from '../shared/router';
import { serveEmulator } from '../shared/server';
import { DAY_MS, MINUTE_MS, practiceAnchor } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import type { EmulatorOptions, RunningEmulator } from '../shared/types';
import { generateIntakeqKey, hasIntakeqKey } from './auth';
import { INTAKEQ_OPERATIONS, IntakeqControl } from './control';
import { buildIntakeqDataset } from './dataset';
import { IntakeqMutations } from './mutations';
import { IntakeqQueries } from './queries';
import { applicationError, htmlNotFound, tooManyRequests, unauthorized } from './responses';
import { addRoutes } from './routes';
import { IntakeqSerializer } from './serialize';

/** Starts an IntakeQ API emulator on 127.0.0.1 with a seeded practice. */
export async function startIntakeqEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator<IntakeqControl>> {
  const resolved = resolveOptions(options, { perMinute: 10, perDay: 500, timeZone: 'America/New_York' });
  const nowMs = (): number => resolved.now().getTime();
  const { store, people } = buildIntakeqDataset({
    patients: resolved.patients,
    seed: resolved.seed,
    nowMs: practiceAnchor(nowMs()),
    timeZone: resolved.timeZone,
  });
  // Runtime randomness (new ids, faults, latency) has its own stream, so it never shifts the dataset.
  const runtime = new Prng(resolved.seed ^ 0x6a09e667);
  const apiKey = resolved.apiKey ?? generateIntakeqKey(runtime.fork(1));
  const serializer = new IntakeqSerializer(store);
  const mutations = new IntakeqMutations(store, nowMs, runtime.fork(2));
  const control = new IntakeqControl(store, mutations, serializer, people, runtime.fork(3), nowMs);
  const faults = new FaultInjector(resolved.faults, runtime.fork(4).int(0, 0xffffffff));
  const budgets = [{ limit: resolved.perMinute, realLengthMs: MINUTE_MS }];
  if (resolved.perDay !== null) budgets.push({ limit: resolved.perDay, realLengthMs: DAY_MS });

  const router = new Router();
  addRoutes(router, {
    queries: new IntakeqQueries(store, new ZoneCalendar(resolved.timeZone), nowMs),
    mutations,
    serializer,
    faults: () => faults.current,
  });

  return serveEmulator(
    {
      basePath: '/api/v1',
      apiKey,
      router,
      control,
      operations: operationsOf(control, INTAKEQ_OPERATIONS),
      state: () => ({
        patients: control.patients(),
        appointments: control.appointments(),
        practitioners: control.practitioners(),
        deletedPatientIds: control.deletedPatientIds(),
        deletedAppointmentIds: control.deletedAppointmentIds(),
      }),
      authenticate: (ctx) => (hasIntakeqKey(ctx, apiKey) ? apiKey : unauthorized()),
      hasValidKey: (ctx) => hasIntakeqKey(ctx, apiKey),
      limiter: new RateLimiter(budgets, resolved.timeScale, nowMs),
      rateLimited: (resetAtMs) => tooManyRequests(resetAtMs, nowMs(), resolved.retryAfterHeader),
      routeNotFound: htmlNotFound,
      applicationError,
    },
    { port: resolved.port, latencyMs: resolved.latencyMs, faults, prng: runtime.fork(5) },
  );
}
