import { writeFileSync } from 'node:fs';

/** The named steps of publishing where a crash test can stop a real process. */
export type PausePointName = 'hub-publish:before-commit' | 'hub-publish:after-commit';

/**
 * For crash tests of a real process (`clinicsync sync` killed mid-publish): when the environment's
 * CLINICSYNC_PAUSE_AT names this step, the process writes CLINICSYNC_PAUSE_FILE and waits there for
 * good, so the test can SIGKILL it at exactly that step. Without the variable it does nothing.
 */
export async function pausePoint(name: PausePointName, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.CLINICSYNC_PAUSE_AT !== name) return;
  const file = env.CLINICSYNC_PAUSE_FILE;
  if (!file) throw new Error('CLINICSYNC_PAUSE_AT is set without CLINICSYNC_PAUSE_FILE.');
  writeFileSync(file, name);
  // A timer keeps the process alive until it is killed.
  await new Promise(() => setInterval(() => undefined, 60_000));
}
