import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConsoleServer {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'out', 'main', 'cli.js');

/**
 * Starts the real browser console (`clinicsync serve`) from the build, in its own process with a
 * throwaway data folder, exactly as a user would run it.
 */
export async function startConsoleServer(extraEnv: Record<string, string> = {}): Promise<ConsoleServer> {
  if (!existsSync(CLI)) throw new Error('Build first: `npm run build` (npm test does this).');
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicsync-e2e-'));
  const keyDir = `${dataDir}-keys`;
  const child: ChildProcess = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve'], {
    env: { ...process.env, CLINICSYNC_KEY_DIR: keyDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /ClinicSync console: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`console exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
