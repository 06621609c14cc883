import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program';

function context() {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    ctx: {
      version: '1.0.0',
      moduleDir: '/nonexistent',
      out: (line: string) => void lines.push(line),
      log: { warn: (m: string) => void errors.push(m), error: (m: string) => void errors.push(m) },
      untilInterrupted: () => Promise.resolve(),
      onInterrupt: () => () => undefined,
      env: {},
      write: (chunk: string) => Promise.resolve(void lines.push(chunk)),
      readStdin: () => Promise.resolve(''),
      status: null,
    },
  };
}

/** Commander writes usage errors straight to stderr; capture them to assert on the message. */
async function run(argv: string[]) {
  const { ctx, lines, errors } = context();
  let stderr = '';
  let stdout = '';
  const errWrite = process.stderr.write;
  const outWrite = process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  try {
    const code = await runCli(argv, ctx);
    return { code, lines, errors, stderr, stdout };
  } finally {
    process.stderr.write = errWrite;
    process.stdout.write = outWrite;
  }
}

describe('clinicsync command line', () => {
  it('exits 2 with a usage message for an unknown command', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('exits 2 naming the problem for a bad option value', async () => {
    const result = await run(['serve', '--port', '99999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port.*must be a whole number from 0 to 65535/);
  });

  it('exits 1 with one clear line when the console has not been built', async () => {
    const result = await run(['serve']);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual(['The console has not been built yet. Run `npm run build` first.']);
  });

  it('prints help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: clinicsync/);
    expect(result.stdout).toMatch(/serve/);
  });
});
