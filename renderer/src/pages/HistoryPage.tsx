/** History page (work in progress). */
export function HistoryPage() {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
    </section>
  );
}
