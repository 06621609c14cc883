import type { Db, Statement } from './sqlite';

/**
 * Prepares each distinct SQL text once. For queries assembled from optional filters: a fixed
 * `(@x IS NULL OR col = @x)` form would keep SQLite from using the indexes.
 */
export function createStatementCache(db: Db): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** `WHERE a AND b` from the conditions that apply, or '' when none do. */
export function whereClause(conditions: Array<string | false>): string {
  const applied = conditions.filter((condition): condition is string => condition !== false);
  return applied.length === 0 ? '' : `WHERE ${applied.join(' AND ')}`;
}
