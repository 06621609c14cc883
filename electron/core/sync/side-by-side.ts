import type { SyncPhase } from '../domain';
import type { RunContext } from './run-context';

/** One phase of a listing chain: what the progress calls it, and the work. */
export interface PhaseStep {
  phase: SyncPhase;
  run(): Promise<void>;
}

/**
 * Runs the independent listings of a run (practitioners, patients, past appointments then their
 * details, upcoming appointments): side by side when the connector allows it, each chain's steps in
 * order, else one after another as before. Their requests still pass the credential's gate, which
 * paces them and caps how many are in flight. The first failure stops the others (through `stop`,
 * which the run's signal follows) and is the one thrown, once every chain has settled, so nothing
 * writes after the run has ended.
 */
export async function runListings(ctx: RunContext, chains: PhaseStep[][], stop: AbortController): Promise<void> {
  const runChain = async (chain: PhaseStep[]): Promise<void> => {
    for (const step of chain) {
      await step.run();
      ctx.progress.finishPhase(step.phase);
    }
  };
  if (!ctx.connector.capabilities.listingsSideBySide || chains.length < 2) {
    for (const chain of chains) await runChain(chain);
    return;
  }
  ctx.progress.together(chains.flatMap((chain) => chain.map((step) => step.phase)));
  let first: { error: unknown } | null = null;
  await Promise.all(
    chains.map(async (chain) => {
      try {
        await runChain(chain);
      } catch (err) {
        if (first) return;
        first = { error: err };
        stop.abort();
      }
    }),
  );
  ctx.progress.together([]);
  if (first) throw (first as { error: unknown }).error;
}
