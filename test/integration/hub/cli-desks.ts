import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runCli } from '../../support/run-cli';

/** A desk for the real CLI (used by vitest and Playwright specs alike, so no test runner here): its own data folder, key folder and cache key under `root`. */
export function deskEnv(root: string, name: string): NodeJS.ProcessEnv {
  return {
    CLINICSYNC_DATA_DIR: path.join(root, `data-${name}`),
    CLINICSYNC_KEY_DIR: path.join(root, `keys-${name}`),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
}

/** `clinicsync export KIND --format json` on a desk, parsed. */
export async function exportOf(env: NodeJS.ProcessEnv, kind: 'patients' | 'appointments'): Promise<unknown[]> {
  const out = await runCli(['export', kind, '--format', 'json'], env);
  if (out.code !== 0) throw new Error(`clinicsync export ${kind} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as unknown[];
}
