/** One measured number, with the target it is judged against when the issue gives one. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. ">= 100000 rows/s" or "<= 1.15". */
  target?: string;
  /** Whether the value meets the target (omit when there is no target). */
  met?: boolean;
}

export interface BenchReport {
  metrics: BenchMetric[];
  notes?: string[];
}

/** A benchmark module's default export. Benchmarks are measurements, never pass/fail tests. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchReport>;
}
