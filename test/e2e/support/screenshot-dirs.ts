import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Where screenshots go: always test-results/screenshots (kept as CI artifacts); also docs/screenshots,
 * the README's pictures, when CLINICSYNC_DOCS_SCREENSHOTS=1 — so a test run never edits the docs.
 */
export const SCREENSHOT_DIRS = [
  join(ROOT, 'test-results', 'screenshots'),
  ...(process.env.CLINICSYNC_DOCS_SCREENSHOTS === '1' ? [join(ROOT, 'docs', 'screenshots')] : []),
];
