import { runCli } from './program';
import { untilInterrupted } from './context';

declare const __APP_VERSION__: string | undefined;

const code = await runCli(process.argv.slice(2), {
  version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
  moduleDir: import.meta.dirname,
  out: (line) => process.stdout.write(`${line}\n`),
  log: {
    warn: (message) => process.stderr.write(`Warning: ${message}\n`),
    error: (message, err) => process.stderr.write(`Error: ${message}${err instanceof Error ? ` (${err.message})` : ''}\n`),
  },
  untilInterrupted,
});
process.exitCode = code;
