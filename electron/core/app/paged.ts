/** Every row of a paged listing, one page at a time (exports of any length stay small in memory). */
export function* paged<T>(fetchPage: (limit: number, offset: number) => T[], pageSize: number): Generator<T> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = fetchPage(pageSize, offset);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}
