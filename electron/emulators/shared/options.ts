import type { EmulatorOptions, FaultOptions } from './types';

export const MIN_PATIENTS = 10;
export const MAX_PATIENTS = 50_000;

/** Options with every default filled in; the per-API defaults come from the caller. */
export interface ResolvedOptions {
  port: number;
  patients: number;
  seed: number;
  now: () => Date;
  latencyMs: { min: number; max: number };
  timeScale: number;
  perMinute: number;
  perDay: number | null;
  apiKey: string | undefined;
  faults: FaultOptions;
  timeZone: string;
  retryAfterHeader: boolean;
  requireClientHeaders: boolean;
}

export interface ApiDefaults {
  perMinute: number;
  perDay: number | null;
  timeZone: string;
}

export function resolveOptions(options: EmulatorOptions, defaults: ApiDefaults): ResolvedOptions {
  const patients = options.patients ?? 650;
  if (!Number.isInteger(patients) || patients < MIN_PATIENTS || patients > MAX_PATIENTS) {
    throw new RangeError(`patients must be a whole number from ${MIN_PATIENTS} to ${MAX_PATIENTS}`);
  }
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError('timeScale must be greater than 0');
  const latencyMs = options.latencyMs ?? { min: 40, max: 150 };
  if (latencyMs.min < 0 || latencyMs.max < latencyMs.min) throw new RangeError('latencyMs needs 0 <= min <= max');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone ?? defaults.timeZone });
  } catch {
    throw new RangeError('timeZone must be an IANA time zone such as Australia/Melbourne');
  }
  return {
    port: options.port ?? 0,
    patients,
    seed: options.seed ?? 1,
    now: options.now ?? (() => new Date()),
    latencyMs,
    timeScale,
    perMinute: options.rateLimit?.perMinute ?? defaults.perMinute,
    perDay: options.rateLimit?.perDay ?? defaults.perDay,
    apiKey: options.apiKey,
    faults: { ...options.faults },
    timeZone: options.timeZone ?? defaults.timeZone,
    retryAfterHeader: options.retryAfterHeader ?? false,
    requireClientHeaders: options.requireClientHeaders ?? true,
  };
}
