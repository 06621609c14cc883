// Adds up the JSON reports vitest and Playwright wrote, prints `tests: N passed, M failed[, K skipped]`,
// and exits non-zero when anything failed or no report exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;

const vitestFile = join(dir, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests;
  // A file that failed to load has no failed assertion of its own but must still count.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  failed += report.numFailedTests + brokenFiles;
  skipped += report.numPendingTests + report.numTodoTests;
  reports++;
}

const playwrightFile = join(dir, 'playwright.json');
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  reports++;
}

const securityFile = join(dir, 'electronegativity', 'verdict.json');
if (existsSync(securityFile)) {
  // The security scan is one test: it passes only with no finding, no unjustified acceptance and no unreadable file.
  const { findings, unreasoned, unparsed } = JSON.parse(readFileSync(securityFile, 'utf8'));
  if (findings === 0 && unreasoned === 0 && unparsed === 0) passed++;
  else failed++;
  reports++;
}

if (reports === 0) failed++;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
