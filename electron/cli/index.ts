import { once } from 'node:events';
import { text } from 'node:stream/consumers';
import { onInterrupt, untilInterrupted } from './context';
import { runCli } from './program';

declare const __APP_VERSION__: string | undefined;

const terminal = process.stderr.isTTY === true;

// A reader that stops early (`clinicsync export … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

const code = await runCli(process.argv.slice(2), {
  version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
  moduleDir: import.meta.dirname,
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  async write(chunk) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  },
  readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
  status: terminal ? (line) => process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 120) - 1)}`) : null,
  log: {
    warn: (message) => process.stderr.write(`Warning: ${message}\n`),
    error: (message) => process.stderr.write(`Error: ${message}\n`),
  },
  onInterrupt,
  untilInterrupted,
});
process.exitCode = code;
