import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron runtime binary, or null when only the npm package is installed (its binary is fetched
 * from the internet on first use, which machines without internet access cannot do). Checked without
 * requiring 'electron', because requiring it starts that download.
 */
export function findElectronRuntime(): string | null {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const MISSING_RUNTIME_MESSAGE = [
  'The Electron runtime is not installed, so ClinicSync cannot open its desktop window here.',
  'The electron npm package downloads its runtime from the internet on first use, and this machine',
  'cannot reach it. On a connected machine, run `npx install-electron` in this folder (or delete',
  'node_modules/electron and run `npm install` again) to get it. Until then, the same console runs',
  'in your browser:',
].join('\n');
