/**
 * The rule for a source's initial load: its first sync finds every appointment "new". Those rows are
 * not news, so the change feed leaves them out unless asked, and they are no one's work-list item.
 * (A change row always belongs to a run of its own source, so the first run per source identifies it.)
 * `table` is the name or alias the surrounding query gives appointment_changes.
 */
export function isInitialLoadChange(table = 'appointment_changes'): string {
  return `(${table}.kind = 'new' AND ${table}.run_id IN (SELECT min(id) FROM sync_runs GROUP BY source))`;
}
