/*
 * Appointments name their source by a small integer key (sources.key, migration compact_appointments)
 * instead of its text id ("cliniko-5e1f03a2"): 1 byte instead of 17 in every row and unique-index
 * entry. Keys never leave this cache; everything outside the appointments' SQL still speaks source
 * ids. These build the SQL that converts between them inside a statement (one probe of a unique index).
 */

/** SQL for the key of the source whose id is `idExpression` (a parameter or column); NULL for no such source. */
export function sourceKeyOfSql(idExpression: string): string {
  return `(SELECT key FROM sources WHERE id = ${idExpression})`;
}

/** SQL for the id of the source whose key is `keyExpression`. */
export function sourceIdOfSql(keyExpression: string): string {
  return `(SELECT id FROM sources WHERE key = ${keyExpression})`;
}
