import { bodyText, textResponse, type EmulatorResponse } from './http';
import type { Prng } from './prng';
import type { FaultOptions } from './types';

export interface RequestFaults {
  /** 500/502/503/504 to answer instead of the real response, or null. */
  serverError: number | null;
  extraDelayMs: number;
  /** Refuse with 429 although the budget is not spent. */
  storm: boolean;
}

/**
 * Decides, from its own seeded stream, which requests misbehave. Decisions depend only on the seed
 * and the order of requests, so a failing test can be replayed.
 */
export class FaultInjector {
  private options: FaultOptions;

  constructor(
    options: FaultOptions,
    private readonly prng: Prng,
  ) {
    this.options = { ...options };
  }

  set(options: FaultOptions): void {
    this.options = { ...options };
  }

  get current(): Readonly<FaultOptions> {
    return this.options;
  }

  forRequest(requestNumber: number): RequestFaults {
    const { serverErrorRate = 0, slowRate = 0, slowMs = 0, rateLimitStorm } = this.options;
    const storm = rateLimitStorm !== undefined && rateLimitStorm.everyN > 0 && requestNumber % rateLimitStorm.everyN === 0;
    return {
      storm,
      serverError: !storm && this.prng.chance(serverErrorRate) ? this.prng.pick([500, 502, 503, 504]) : null,
      extraDelayMs: this.prng.chance(slowRate) ? slowMs : 0,
    };
  }

  /** Serializes a response, breaking records and pages as the fault options ask. */
  render(response: EmulatorResponse): string {
    const records = response.records;
    if (!records) return bodyText(response);
    const { malformedRecordRate = 0, malformedPageRate = 0 } = this.options;
    for (const item of records.items) {
      if (this.prng.chance(malformedRecordRate)) item[records.brokenField] = records.brokenValue;
    }
    if (!records.page || !this.prng.chance(malformedPageRate)) return bodyText(response);
    if (records.items.length > 0 && this.prng.chance(0.5)) {
      // A record of the wrong shape: a bare string where an object belongs.
      (records.items as unknown[])[this.prng.int(0, records.items.length - 1)] = 'record unavailable';
      return bodyText(response);
    }
    const text = bodyText(response);
    return text.slice(0, Math.floor(text.length / 2));
  }
}

const GATEWAY_TITLES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** What a load balancer in front of either API answers when the application behind it fails. */
export function gatewayError(status: number): EmulatorResponse {
  const title = GATEWAY_TITLES[status] ?? `${status} Error`;
  return textResponse(
    status,
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    'text/html',
  );
}
