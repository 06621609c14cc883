import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../../electron/emulators';
import { clinikoHeaders } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('emulator command', () => {
  it('prints the URL and API key, serves until interrupted, then stops', async () => {
    const lines: string[] = [];
    let serving = (): void => undefined;
    let interrupt = (): void => undefined;
    const ready = new Promise<void>((resolve) => (serving = resolve));
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const running = runEmulatorCommand(
      'intakeq',
      { patients: 10, seed: 3 },
      {
        out: (line) => lines.push(line),
        untilInterrupted: () => {
          serving();
          return interrupted;
        },
      },
    );
    await ready;
    expect(lines[0]).toMatch(/^IntakeQ emulator: http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(lines[1]).toMatch(/^API key: [0-9a-f]{40}$/);
    const url = lines[0]?.split(': ')[1] ?? '';
    const key = lines[1]?.split(': ')[1] ?? '';
    expect((await fetch(`${url}/practitioners`, { headers: { 'X-Auth-Key': key } })).status).toBe(200);
    interrupt();
    await running;
    await expect(fetch(`${url}/practitioners`)).rejects.toThrow();
  });

  it('runs straight from source with tsx and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      // tsx as a loader in this one process: tsx's CLI would put a signal relay in between, which under
      // load can take the emulator for one without a SIGTERM handler and end it with 143.
      ['--import', 'tsx', 'electron/emulators/cli.ts', 'cliniko', '--patients', '10', '--seed', '2', '--latency-ms', '150'],
      { cwd: ROOT },
    );
    const output = createInterface({ input: child.stdout });
    const printed: string[] = [];
    for await (const line of output) {
      printed.push(line);
      if (line.startsWith('Press Ctrl+C')) break;
    }
    const url = printed.find((l) => l.startsWith('Cliniko emulator: '))?.slice('Cliniko emulator: '.length) ?? '';
    const key = printed.find((l) => l.startsWith('API key: '))?.slice('API key: '.length) ?? '';
    expect(key).toMatch(/-au1$/);
    const asked = performance.now();
    expect((await fetch(`${url}/user`, { headers: clinikoHeaders(key) })).status).toBe(200);
    // The fixed latency a small-practice measurement needs (issue 14 §4).
    expect(performance.now() - asked).toBeGreaterThanOrEqual(149);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
