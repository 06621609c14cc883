import { once } from 'node:events';
import { text } from 'node:stream/consumers';
import { escapeControls } from '../core/security/control-chars';
import { onInterrupt, untilInterrupted } from './context';
import { runCli } from './program';

declare const __APP_VERSION__: string | undefined;

const terminal = process.stderr.isTTY === true;
// Exports piped to a file stay byte for byte; shown on a terminal, their control characters are escaped.
const exportToTerminal = process.stdout.isTTY === true;

// A reader that stops early (`clinicsync export … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

const code = await runCli(process.argv.slice(2), {
  version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
  moduleDir: import.meta.dirname,
  env: process.env,
  // Names and messages may come from an API: a control character in them must not drive the terminal.
  out: (line) => process.stdout.write(`${escapeControls(line)}\n`),
  async write(chunk) {
    if (!process.stdout.write(exportToTerminal ? escapeControls(chunk) : chunk)) await once(process.stdout, 'drain');
  },
  readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
  status: terminal
    ? (line) => process.stderr.write(`\r\x1b[2K${escapeControls(line, { singleLine: true }).slice(0, (process.stderr.columns || 120) - 1)}`)
    : null,
  log: {
    warn: (message) => process.stderr.write(`Warning: ${escapeControls(message)}\n`),
    error: (message) => process.stderr.write(`Error: ${escapeControls(message)}\n`),
  },
  onInterrupt,
  untilInterrupted,
});
process.exitCode = code;
