import type { EmulatorResponse } from './http';

/** Everything a route handler needs about the request it answers. */
export interface RequestContext {
  method: string;
  /** The full request URL, with the emulator's own origin. */
  url: URL;
  /** Path segments captured by `:name` in the route pattern. */
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw request body ('' for none). */
  rawBody: string;
}

export type Handler = (ctx: RequestContext) => EmulatorResponse;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** A tiny method + path router; routes match in the order they were added. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
    const segments = split(path);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params = matchSegments(route.segments, segments);
      if (params) return { handler: route.handler, params };
    }
    return null;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const value = actual[i] ?? '';
    if (expected.startsWith(':')) {
      const decoded = safeDecode(value);
      if (decoded === null) return null;
      params[expected.slice(1)] = decoded;
    } else if (expected !== value) return null;
  }
  return params;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
