import { ControlError } from './control-error';
import { HttpProblem, jsonResponse, parseJsonBody, type EmulatorResponse } from './http';
import type { RequestContext } from './router';
import type { EmulatorStats, FaultOptions } from './types';

export const CONTROL_PREFIX = '/__emulator/';

/** What the HTTP control API exposes of a running emulator. */
export interface ControlSurface {
  /** Mutations callable as POST /__emulator/mutate {op, args}. */
  operations: ReadonlyMap<string, (args: unknown[]) => unknown>;
  state(): unknown;
  stats(): EmulatorStats;
  setFaults(faults: FaultOptions): void;
}

/** Exposes the named methods of a control object as operations. */
export function operationsOf<C extends object>(
  control: C,
  names: readonly (keyof C & string)[],
): Map<string, (args: unknown[]) => unknown> {
  return new Map(
    names.map((name) => {
      const method = control[name];
      if (typeof method !== 'function') throw new TypeError(`${name} is not a control operation`);
      return [name, (args: unknown[]) => (method as (...a: unknown[]) => unknown).apply(control, args)];
    }),
  );
}

/**
 * Lets tests in another process (the CLI, Playwright) inspect and drive the emulator:
 * GET state and stats, POST mutate {op, args} and faults {…}.
 */
export function handleControlRequest(ctx: RequestContext, surface: ControlSurface): EmulatorResponse {
  const path = ctx.url.pathname.slice(CONTROL_PREFIX.length);
  if (ctx.method === 'GET' && path === 'state') return jsonResponse(200, surface.state());
  if (ctx.method === 'GET' && path === 'stats') return jsonResponse(200, surface.stats());
  if (ctx.method === 'POST' && path === 'faults') {
    surface.setFaults(asObject(body(ctx)) as FaultOptions);
    return { status: 204 };
  }
  if (ctx.method === 'POST' && path === 'mutate') return mutate(asObject(body(ctx)), surface);
  return jsonResponse(404, { error: 'Unknown control endpoint' });
}

function mutate(request: Record<string, unknown>, surface: ControlSurface): EmulatorResponse {
  const op = typeof request.op === 'string' ? surface.operations.get(request.op) : undefined;
  if (!op) return jsonResponse(400, { error: 'Unknown op', ops: [...surface.operations.keys()] });
  const args = request.args ?? [];
  if (!Array.isArray(args)) return jsonResponse(400, { error: 'args must be an array' });
  try {
    return jsonResponse(200, { result: op(args) ?? null });
  } catch (err) {
    if (err instanceof ControlError) return jsonResponse(err.status, { error: err.message });
    throw err;
  }
}

function body(ctx: RequestContext): unknown {
  return parseJsonBody(ctx.rawBody, () => jsonResponse(400, { error: 'Body must be JSON' }));
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpProblem(jsonResponse(400, { error: 'Body must be a JSON object' }));
  }
  return value as Record<string, unknown>;
}
