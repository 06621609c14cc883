/** Sync page (work in progress). */
export function SyncPage() {
  return (
    <section className="card" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
    </section>
  );
}
