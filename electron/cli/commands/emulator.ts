import type { Command } from 'commander';
import { emulatorProgram } from '../../emulators/cli';
import type { CliContext } from '../context';

/** `clinicsync emulator cliniko|intakeq`: a stand-in API for trying ClinicSync, tests and benchmarks. */
export function registerEmulatorCommand(program: Command, ctx: CliContext): void {
  program.addCommand(emulatorProgram({ out: ctx.out, untilInterrupted: ctx.untilInterrupted }).exitOverride().showHelpAfterError());
}
