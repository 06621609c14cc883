/**
 * Cliniko's `q[]` filters. Date-time values must be UTC with a Z and Cliniko stores whole seconds, so
 * instants are rounded: up for window bounds (exact for whole-second data), down for "updated after"
 * (a few extra rows rather than a missed one).
 */
function clinikoTime(iso: string, rounding: 'floor' | 'ceil'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError('Expected an ISO-8601 time');
  const seconds = rounding === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

function updatedAfter(updatedSince: string | null): string[] {
  return updatedSince === null ? [] : [`updated_at:>${clinikoTime(updatedSince, 'floor')}`];
}

/** Archived patients are hidden unless the archived_at column is filtered; `*` shows them too. */
export function patientFilters(updatedSince: string | null): string[] {
  return ['archived_at:*', ...updatedAfter(updatedSince)];
}

/**
 * Appointments starting in [from, to) (a null side left open), including the archived and cancelled ones Cliniko hides by
 * default, and deleted ones in case those are hidden the same way (the spec is unsure).
 */
export function appointmentFilters(query: { from: string | null; to: string | null; updatedSince: string | null }): string[] {
  return [
    ...(query.from === null ? [] : [`starts_at:>=${clinikoTime(query.from, 'ceil')}`]),
    ...(query.to === null ? [] : [`starts_at:<${clinikoTime(query.to, 'ceil')}`]),
    'archived_at:*',
    'cancelled_at:*',
    'deleted_at:*',
    ...updatedAfter(query.updatedSince),
  ];
}

/**
 * Appointments starting in [from, to) that still happen or were cancelled: archived ones excluded
 * (`archived_at:!?`, null), cancelled ones shown (`cancelled_at:*`), deleted ones left hidden.
 */
export function liveAppointmentFilters(query: { from: string; to: string }): string[] {
  return [
    `starts_at:>=${clinikoTime(query.from, 'ceil')}`,
    `starts_at:<${clinikoTime(query.to, 'ceil')}`,
    'archived_at:!?',
    'cancelled_at:*',
  ];
}

/** Appointments by id (`id:=1,2,3`), with every kind Cliniko hides by default. */
export function appointmentIdFilters(ids: readonly string[]): string[] {
  return [`id:=${ids.join(',')}`, 'archived_at:*', 'cancelled_at:*', 'deleted_at:*'];
}

/** One filter that selects many patients by id (`id:=1,2,3`), archived ones included. */
export function patientIdFilters(ids: readonly string[]): string[] {
  return [`id:=${ids.join(',')}`, 'archived_at:*'];
}
