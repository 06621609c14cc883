import type { EmulatorStats } from './types';

const ID_SEGMENT = /^(\d+|[0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Counts API requests, so tests and benchmarks can see how many calls a sync really made. */
export class RequestStats {
  private requests = 0;
  private rateLimited = 0;
  private readonly byPath = new Map<string, number>();

  /** Counts a request and returns its 1-based sequence number. */
  record(pathname: string): number {
    const key = pathname
      .split('/')
      .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
      .join('/');
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
    return ++this.requests;
  }

  recordRateLimited(): void {
    this.rateLimited++;
  }

  snapshot(): EmulatorStats {
    return { requests: this.requests, rateLimited: this.rateLimited, byPath: Object.fromEntries(this.byPath) };
  }
}
