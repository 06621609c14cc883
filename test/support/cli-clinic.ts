import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type EmulatorOptions, type RunningEmulator } from '../../electron/emulators';
import { assertBuilt, runCli, type CliResult } from './run-cli';

export interface CliEnv extends NodeJS.ProcessEnv {
  CLINICSYNC_DATA_DIR: string;
  CLINICSYNC_KEY_DIR: string;
  CLINICSYNC_DB_KEY: string;
}

/**
 * A Cliniko emulator and a scratch folder for one CLI test file: started before its tests, removed after.
 * Each test asks for its own data folder, so no test sees another's cache.
 */
export function useCliClinic(label: string, options: EmulatorOptions) {
  let emulator: RunningEmulator<ClinikoControl> | undefined;
  let root = '';
  let folders = 0;
  beforeAll(async () => {
    assertBuilt();
    emulator = await startClinikoEmulator(options);
    root = mkdtempSync(path.join(tmpdir(), `clinicsync-${label}-`));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const running = (): RunningEmulator<ClinikoControl> => {
    if (!emulator) throw new Error('The emulator starts in beforeAll; use it inside a test.');
    return emulator;
  };
  return {
    get emulator() {
      return running();
    },
    /** A data folder, key folder and cache key of the test's own. */
    freshEnv(): CliEnv {
      folders += 1;
      return {
        CLINICSYNC_DATA_DIR: path.join(root, `data-${folders}`),
        CLINICSYNC_KEY_DIR: path.join(root, `keys-${folders}`),
        CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
      };
    },
    /** Adds the emulator as the Cliniko source "Northside" and checks the CLI accepted it quietly. */
    async addSource(env: NodeJS.ProcessEnv): Promise<CliResult> {
      const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Northside', '--base-url', running().url], {
        ...env,
        CLINICSYNC_API_KEY: running().apiKey,
      });
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      return added;
    },
  };
}
