import type { SyncMode, SyncPhase } from '../domain';

/** The phases each mode runs, in order. */
export function phasesFor(mode: SyncMode): SyncPhase[] {
  switch (mode) {
    case 'patients_only':
      return ['connect', 'patients'];
    case 'upcoming_only':
      return ['connect', 'practitioners', 'appointments_forward', 'reconcile'];
    case 'reconcile_only':
      // Reconciling needs the windows pulled whole first.
      return ['connect', 'appointments_back', 'appointments_forward', 'reconcile'];
    case 'day':
      // One clinic day pulled whole, then its removals: no cursors read or moved.
      return ['appointments_day', 'reconcile'];
    case 'full':
    case 'incremental':
      return ['connect', 'practitioners', 'patients', 'appointments_back', 'enrich', 'appointments_forward', 'reconcile'];
  }
}

export { PHASE_LABELS } from '../domain';
