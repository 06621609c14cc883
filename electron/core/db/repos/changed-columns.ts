/** The columns whose incoming value differs from the stored one. */
export function changedColumns<T extends object>(
  stored: T,
  incoming: T,
  columns: ReadonlyArray<keyof T & string>,
): Array<keyof T & string> {
  return columns.filter((column) => stored[column] !== incoming[column]);
}

/**
 * `UPDATE <table> SET <changed>, <always> WHERE id = @id`, naming only what changed: SQLite rewrites
 * the index entries of every column named in SET, changed or not, and in a page commit each
 * rewritten index page is another page to encrypt and write (measured: about twice the writes).
 */
export function updateByIdSql(table: string, changed: readonly string[], always: readonly string[]): string {
  const assignments = [...changed.map((column) => `${column} = @${column}`), ...always];
  return `UPDATE ${table} SET ${assignments.join(', ')} WHERE id = @id`;
}
