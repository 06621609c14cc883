import type { RemotePatient } from '../domain';
import type { UpsertOutcome } from './ports';
import type { RunContext } from './run-context';

/** Adds a page of patient outcomes to the run's counts. */
export function tallyPatients(ctx: RunContext, outcomes: Array<{ outcome: UpsertOutcome }>, discovered = false): void {
  for (const { outcome } of outcomes) {
    ctx.counts.patientsFound++;
    if (outcome === 'new') {
      ctx.counts.patientsNew++;
      if (discovered) ctx.counts.patientsDiscovered++;
    } else if (outcome === 'updated') ctx.counts.patientsUpdated++;
    else ctx.counts.patientsUnchanged++;
  }
}

/** Adds a page of appointment outcomes to the run's counts. */
export function tallyAppointments(ctx: RunContext, outcomes: Array<{ outcome: UpsertOutcome; becameCancelled: boolean }>): void {
  for (const { outcome, becameCancelled } of outcomes) {
    if (outcome === 'new') ctx.counts.appointmentsNew++;
    else if (outcome === 'updated') ctx.counts.appointmentsUpdated++;
    else ctx.counts.appointmentsUnchanged++;
    if (becameCancelled) ctx.counts.appointmentsCancelled++;
  }
}

/**
 * Links patients created locally (no remote id yet) to their remote record by email before the page
 * is stored, so they are updated instead of duplicated. Returns how many were linked.
 */
export function backfillRemoteIds(ctx: RunContext, rows: RemotePatient[]): number {
  const known = ctx.store.patients.knownExternalIds(
    ctx.source,
    rows.map((r) => r.externalId),
  );
  let linked = 0;
  for (const row of rows) {
    if (!known.has(row.externalId) && row.email && ctx.store.patients.linkByEmail(ctx.source, row.email, row.externalId)) linked++;
  }
  return linked;
}
