/**
 * Hostile and mistaken command lines: each is refused before anything runs, with commander's one-line
 * reason and the usage on stderr, nothing on stdout, no stack trace, and exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { runCliInProcess as run } from '../../support/cli-in-process';

/** Exit 2, the reason and the usage on stderr, and nothing else done. */
async function expectUsageError(argv: string[], reason: RegExp) {
  const result = await run(argv);
  expect(result.code, argv.join(' ')).toBe(2);
  expect(result.stderr, argv.join(' ')).toMatch(reason);
  expect(result.stderr, argv.join(' ')).toMatch(/Usage: clinicsync/);
  expect(result.stderr, argv.join(' ')).not.toMatch(/\n\s+at |\.ts:\d+|Error:/);
  expect(result.stdout, argv.join(' ')).toBe('');
  expect(result.lines, argv.join(' ')).toEqual([]);
  expect(result.served, argv.join(' ')).toBe(false);
}

describe('clinicsync command line: usage errors exit 2', () => {
  it('refuses unknown commands, suggesting the near miss', async () => {
    await expectUsageError(['serv'], /unknown command 'serv'[\s\S]*Did you mean serve\?/);
    await expectUsageError(['rm', '-rf', '/'], /unknown command 'rm'/);
    await expectUsageError(['__proto__'], /unknown command '__proto__'/);
  });

  it('refuses unknown options, at the top level and on a command', async () => {
    await expectUsageError(['--frobnicate'], /unknown option '--frobnicate'/);
    await expectUsageError(['serve', '--evil'], /unknown option '--evil'/);
    await expectUsageError(['serve', '--port=8080', '--inspect'], /unknown option '--inspect'/);
    await expectUsageError(['serve', '-x'], /unknown option '-x'/);
  });

  it('refuses arguments a command does not take', async () => {
    await expectUsageError(['serve', 'now'], /too many arguments for 'serve'/);
  });

  it('refuses a --port that is not a whole number from 0 to 65535', async () => {
    for (const port of ['abc', '65536', '99999', '1.5', '80abc', 'NaN', 'Infinity', '-1', '1e100']) {
      await expectUsageError(['serve', '--port', port], /must be a whole number from 0 to 65535/);
      await expectUsageError(['serve', `--port=${port}`], /must be a whole number from 0 to 65535/);
    }
  });

  it('refuses an option whose value is missing', async () => {
    await expectUsageError(['serve', '--port'], /option '--port <port>' argument missing/);
    await expectUsageError(['--data-dir'], /option '--data-dir <dir>' argument missing/);
    await expectUsageError(['serve', '--host'], /option '--host <address>' argument missing/);
  });

  it('refuses a value given to a switch', async () => {
    await expectUsageError(['serve', '--force-non-loopback=yes'], /does not take an argument|unknown option/);
  });
});

describe('clinicsync command line: help and version exit 0', () => {
  it('prints the version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await run([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe('1.0.0');
      expect(result.served).toBe(false);
    }
  });

  it('prints the help of a command', async () => {
    for (const argv of [
      ['serve', '--help'],
      ['help', 'serve'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: clinicsync serve/);
      expect(result.stdout).toMatch(/--port <port>/);
      expect(result.served).toBe(false);
    }
  });

  it('lists --data-dir in the top-level help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--data-dir <dir>/);
  });
});
