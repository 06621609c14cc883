import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Playwright specs (test/e2e) and benchmarks (test/bench) are not vitest tests.
export default defineConfig({
  // Unit tests of the console's pure logic import it as the renderer does.
  resolve: {
    alias: { '@contract': resolve(import.meta.dirname, 'electron/contract'), '@renderer': resolve(import.meta.dirname, 'renderer/src') },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/security/**/*.exploit.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
