/**
 * How big the benchmarks run. `full` is what bench-results/SUMMARY.md reports; `small` (`npm run bench
 * -- --small`) runs every benchmark on a small practice to prove it works, writing its results apart
 * (bench-results/small/) so a smoke run never stands in for a measurement.
 */
export type BenchScale = 'full' | 'small';

export const SCALE_ENV = 'CLINICSYNC_BENCH_SCALE';

export function benchScale(): BenchScale {
  return process.env[SCALE_ENV] === 'small' ? 'small' : 'full';
}

/** The full-scale value, or the small one in a smoke run. */
export function atScale<T>(full: T, small: T): T {
  return benchScale() === 'small' ? small : full;
}
