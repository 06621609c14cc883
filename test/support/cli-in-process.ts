import { vi } from 'vitest';
import type { CliIo } from '../../electron/cli/context';
import { runCli } from '../../electron/cli/program';

/**
 * Runs the CLI in this process with a recording context. Commander writes usage errors and help
 * straight to the process streams, so those are captured too.
 */
export async function runCliInProcess(argv: string[]) {
  const lines: string[] = [];
  const logged: string[] = [];
  const untilInterrupted = vi.fn(() => Promise.resolve());
  const io: CliIo = {
    version: '1.0.0',
    moduleDir: '/nonexistent',
    env: {},
    out: (line) => void lines.push(line),
    write: async (chunk) => void lines.push(chunk),
    status: null,
    log: { warn: (m) => void logged.push(m), error: (m) => void logged.push(m) },
    readStdin: async () => '',
    onInterrupt: () => () => {},
    untilInterrupted,
  };
  let stderr = '';
  let stdout = '';
  const errWrite = process.stderr.write;
  const outWrite = process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  try {
    const code = await runCli(argv, io);
    return { code, lines, logged, stderr, stdout, served: untilInterrupted.mock.calls.length > 0 };
  } finally {
    process.stderr.write = errWrite;
    process.stdout.write = outWrite;
  }
}
