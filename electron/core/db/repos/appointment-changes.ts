import type { AppointmentSnapshot, ChangeKind } from '../../domain';

/**
 * The meaningful changes between what the cache held and what a sync saw, in the order staff read
 * them. A brand-new appointment is `new` — unless it arrives already removed, which nobody can act on.
 */
export function detectChanges(before: AppointmentSnapshot | null, after: AppointmentSnapshot): ChangeKind[] {
  if (before === null) return after.deleted ? [] : ['new'];
  const kinds: ChangeKind[] = [];
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) kinds.push('rescheduled');
  if (practitionerChanged(before, after)) kinds.push('practitioner_changed');
  if (after.status === 'cancelled' && before.status !== 'cancelled') kinds.push('cancelled');
  if (after.status === 'no_show' && before.status !== 'no_show') kinds.push('no_show');
  if (before.telehealthUrl !== after.telehealthUrl) kinds.push('telehealth_changed');
  if (after.deleted && !before.deleted) kinds.push('removed');
  return kinds;
}

/** By id when the source gives ids; a renamed practitioner with the same id is not a change. */
function practitionerChanged(before: AppointmentSnapshot, after: AppointmentSnapshot): boolean {
  if (before.practitionerExternalId !== null || after.practitionerExternalId !== null) {
    return before.practitionerExternalId !== after.practitionerExternalId;
  }
  return before.practitionerName !== after.practitionerName;
}
