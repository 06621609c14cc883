/**
 * Remembers recent query results until the data changes, so paging through 150,000 appointments
 * filters and sorts them once rather than once per page.
 */
export class QueryCache {
  private readonly entries = new Map<string, { version: number; rows: readonly unknown[] }>();

  constructor(
    private readonly version: () => number,
    private readonly capacity = 16,
  ) {}

  get<R>(key: string, compute: () => readonly R[]): readonly R[] {
    const version = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.rows as readonly R[];
    const rows = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, rows });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value ?? '');
    return rows;
  }
}
