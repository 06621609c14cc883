import { operationsOf } from '../shared/control-api';
import { FaultInjector } from '../shared/faults';
import { resolveOptions } from '../shared/options';
import { Prng } from '../shared/prng';
import { RateLimiter } from '../shared/rate-limit';
import { Router } from '../shared/router';
import { serveEmulator } from '../shared/server';
import { DAY_MS, MINUTE_MS, practiceAnchor } from '../shared/time';
import type { EmulatorOptions, RunningEmulator } from '../shared/types';
import { ClinikoAuth, clinikoShard, generateClinikoKey } from './auth';
import { CLINIKO_OPERATIONS, ClinikoControl } from './control';
import { buildClinikoDataset } from './dataset';
import { ClinikoMutations } from './mutations';
import { addReadRoutes } from './read-routes';
import { applicationError, routeNotFound, tooManyRequests } from './responses';
import { ClinikoSerializer } from './serialize';
import { addWriteRoutes } from './write-routes';

/** Starts a Cliniko API emulator on 127.0.0.1 with a seeded practice. */
export async function startClinikoEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator<ClinikoControl>> {
  const resolved = resolveOptions(options, { perMinute: 200, perDay: null, timeZone: 'Australia/Melbourne' });
  const nowMs = (): number => resolved.now().getTime();
  const { store, people } = buildClinikoDataset({
    patients: resolved.patients,
    seed: resolved.seed,
    nowMs: practiceAnchor(nowMs()),
    timeZone: resolved.timeZone,
  });
  // Runtime randomness (new ids, faults, latency) has its own stream, so it never shifts the dataset.
  const runtime = new Prng(resolved.seed ^ 0x2545f491);
  const apiKey = resolved.apiKey ?? generateClinikoKey(runtime.fork(1));
  const serializer = new ClinikoSerializer(store, `https://api.${clinikoShard(apiKey)}.cliniko.com/v1`, nowMs);
  const mutations = new ClinikoMutations(store, nowMs, runtime.fork(2));
  const control = new ClinikoControl(store, mutations, serializer, people, runtime.fork(3), nowMs);
  const faults = new FaultInjector(resolved.faults, runtime.fork(4).int(0, 0xffffffff));
  const auth = new ClinikoAuth(apiKey, resolved.requireClientHeaders);
  const budgets = [{ limit: resolved.perMinute, realLengthMs: MINUTE_MS }];
  if (resolved.perDay !== null) budgets.push({ limit: resolved.perDay, realLengthMs: DAY_MS });

  const router = new Router();
  addReadRoutes(router, { store, serializer, mutations, faults: () => faults.current });
  addWriteRoutes(router, mutations, serializer);

  return serveEmulator(
    {
      basePath: '/v1',
      apiKey,
      router,
      control,
      operations: operationsOf(control, CLINIKO_OPERATIONS),
      state: () => ({
        patients: control.patients(),
        appointments: control.appointments(),
        practitioners: control.practitioners(),
        appointmentTypes: control.appointmentTypes(),
        businesses: control.businesses(),
      }),
      authenticate: (ctx) => auth.authenticate(ctx),
      hasValidKey: (ctx) => auth.hasValidKey(ctx),
      limiter: new RateLimiter(budgets, resolved.timeScale, nowMs),
      rateLimited: (resetAtMs) => tooManyRequests(resetAtMs, nowMs(), resolved.retryAfterHeader),
      routeNotFound,
      applicationError,
    },
    { port: resolved.port, latencyMs: resolved.latencyMs, faults, prng: runtime.fork(5) },
  );
}
