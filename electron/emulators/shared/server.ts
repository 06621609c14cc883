import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControlRequest, type ControlSurface } from './control-api';
import { gatewayError, type FaultInjector, type RequestFaults } from './faults';
import { bodyText, HttpProblem, jsonResponse, readBody, writeResponse, type EmulatorResponse } from './http';
import type { Prng } from './prng';
import type { RateLimiter } from './rate-limit';
import type { RequestContext, Router } from './router';
import { RequestStats } from './stats';
import type { RunningEmulator } from './types';

/** What makes one API different from another; the request pipeline around it is shared. */
export interface ApiDefinition<C> {
  /** The version path every API route lives under: '/v1' or '/api/v1'. */
  basePath: string;
  apiKey: string;
  router: Router;
  control: C;
  operations: ControlSurface['operations'];
  state(): unknown;
  /** Checks the request's headers and credentials: the rate-limit key, or the refusal to send. */
  authenticate(ctx: RequestContext): string | EmulatorResponse;
  /** The key check alone, which guards the control API. */
  hasValidKey(ctx: RequestContext): boolean;
  limiter: RateLimiter;
  rateLimited(resetAtMs: number): EmulatorResponse;
  routeNotFound(): EmulatorResponse;
  /** What the application answers when it fails: 500. */
  applicationError(): EmulatorResponse;
}

export interface ServeSettings {
  port: number;
  latencyMs: { min: number; max: number };
  faults: FaultInjector;
  /** Draws latencies; separate from the dataset's stream. */
  prng: Prng;
  /** Where unexpected emulator errors go (they are answered as the API's 500). */
  onError?: (err: unknown) => void;
}

/**
 * Serves an API on 127.0.0.1: control requests first, then for API requests latency, the API's own
 * authentication, rate limiting, injected faults and finally the route.
 */
export async function serveEmulator<C>(api: ApiDefinition<C>, settings: ServeSettings): Promise<RunningEmulator<C>> {
  const stats = new RequestStats();
  const onError =
    settings.onError ?? ((err: unknown) => process.stderr.write(`Emulator error: ${err instanceof Error ? err.stack : String(err)}\n`));
  const surface: ControlSurface = {
    operations: api.operations,
    state: () => api.state(),
    stats: () => stats.snapshot(),
    setFaults: (faults) => settings.faults.set(faults),
  };
  let origin = '';
  let closed = false;

  const answer = (produce: () => EmulatorResponse): EmulatorResponse => {
    try {
      return produce();
    } catch (err) {
      if (err instanceof HttpProblem) return err.response;
      onError(err);
      return api.applicationError();
    }
  };

  const respond = (ctx: RequestContext, faults: RequestFaults): EmulatorResponse => {
    const path = ctx.url.pathname;
    if (path !== api.basePath && !path.startsWith(`${api.basePath}/`)) return api.routeNotFound();
    const key = api.authenticate(ctx);
    if (typeof key !== 'string') return key;
    const decision = faults.storm ? { allowed: false as const, resetAtMs: api.limiter.nextReset(key) } : api.limiter.take(key);
    if (!decision.allowed) {
      stats.recordRateLimited();
      return api.rateLimited(decision.resetAtMs);
    }
    if (faults.serverError !== null) return faults.serverError === 500 ? api.applicationError() : gatewayError(faults.serverError);
    const route = api.router.match(ctx.method, path.slice(api.basePath.length));
    if (!route) return api.routeNotFound();
    return answer(() => route.handler({ ...ctx, params: route.params }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', origin);
    const ctx: RequestContext = { method, url, params: {}, headers: req.headers, rawBody: '' };
    const send = (response: EmulatorResponse, text: string): void => {
      if (!closed && !res.destroyed) writeResponse(res, response, text);
    };
    try {
      ctx.rawBody = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    } catch (err) {
      const response = err instanceof HttpProblem ? err.response : api.applicationError();
      return send(response, bodyText(response));
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const response = api.hasValidKey(ctx)
        ? answer(() => handleControlRequest(ctx, surface))
        : jsonResponse(401, { error: 'The control API needs the emulator API key, sent the way the API expects it' });
      return send(response, bodyText(response));
    }
    const identity = settings.faults.identify(method, url, stats.record(url.pathname));
    const faults = settings.faults.forRequest(identity, api.basePath);
    const { min, max } = settings.latencyMs;
    const delay = settings.prng.int(min, max) + faults.extraDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const response = respond(ctx, faults);
    send(response, settings.faults.render(response, identity));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      onError(err);
      if (!res.headersSent) res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}${api.basePath}`,
    origin,
    apiKey: api.apiKey,
    control: api.control,
    stats: () => stats.snapshot(),
    setFaults: (faults) => settings.faults.set(faults),
    close: () =>
      new Promise<void>((resolve, reject) => {
        closed = true;
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
