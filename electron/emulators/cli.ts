import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClinikoEmulator } from './cliniko/start';
import { startIntakeqEmulator } from './intakeq/start';

export type EmulatorKind = 'cliniko' | 'intakeq';
export const EMULATOR_KINDS: readonly EmulatorKind[] = ['cliniko', 'intakeq'];

export interface EmulatorCommandOptions {
  patients?: number;
  port?: number;
  seed?: number;
  /** Compress rate-limit windows by this factor. */
  timeScale?: number;
  /** A fixed delay for every API request, in place of the realistic 40–150 ms. */
  latencyMs?: number;
}

export interface EmulatorCommandIo {
  out(line: string): void;
  /** Resolves when the emulator should stop (by default on SIGINT or SIGTERM). */
  untilInterrupted(): Promise<void>;
}

const LABEL: Record<EmulatorKind, string> = { cliniko: 'Cliniko', intakeq: 'IntakeQ' };

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Runs one emulator with realistic latency, prints where it is and its key, and stops when interrupted. */
export async function runEmulatorCommand(
  kind: EmulatorKind,
  options: EmulatorCommandOptions = {},
  io: EmulatorCommandIo = { out: (line) => process.stdout.write(`${line}\n`), untilInterrupted: untilSignal },
): Promise<void> {
  const start = kind === 'cliniko' ? startClinikoEmulator : startIntakeqEmulator;
  const { latencyMs, ...rest } = options;
  const emulator = await start({ ...rest, ...(latencyMs === undefined ? {} : { latencyMs: { min: latencyMs, max: latencyMs } }) });
  io.out(`${LABEL[kind]} emulator: ${emulator.url}`);
  io.out(`API key: ${emulator.apiKey}`);
  io.out(`Control API: ${emulator.origin}/__emulator/ (GET state, GET stats, POST mutate, POST faults; same credentials as the API)`);
  io.out('Press Ctrl+C to stop.');
  await io.untilInterrupted();
  await emulator.close();
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number.');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('must be greater than 0.');
  return n;
}

/** `tsx electron/emulators/cli.ts cliniko|intakeq [--patients N] [--port N] [--seed S] [--time-scale X] [--latency-ms N]` */
export function emulatorProgram(io?: EmulatorCommandIo): Command {
  return new Command('emulator')
    .description('run a local Cliniko or IntakeQ API emulator with a seeded practice')
    .argument('<kind>', 'cliniko or intakeq', (value: string) => {
      if (!EMULATOR_KINDS.includes(value as EmulatorKind)) throw new InvalidArgumentError('must be cliniko or intakeq.');
      return value as EmulatorKind;
    })
    .option('--patients <n>', 'patients in the practice, 10 to 50000 (default 650)', wholeNumber)
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', wholeNumber)
    .option('--seed <n>', 'dataset seed (default 1)', wholeNumber)
    .option('--time-scale <x>', 'compress rate-limit windows by this factor (default 1)', positiveNumber)
    .option('--latency-ms <n>', 'answer every API request after exactly this delay (default: 40 to 150 ms)', wholeNumber)
    .action((kind: EmulatorKind, options: EmulatorCommandOptions) => runEmulatorCommand(kind, options, io));
}

// Run directly from source (`npx tsx electron/emulators/cli.ts …`); never when bundled into the app CLI.
const thisFile = fileURLToPath(import.meta.url);
if (thisFile.endsWith('emulators/cli.ts') && process.argv[1] !== undefined && resolve(process.argv[1]) === thisFile) {
  emulatorProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
