/** Changes page (work in progress). */
export function ChangesPage() {
  return (
    <section className="card" aria-labelledby="changes-title">
      <h2 id="changes-title">Changes</h2>
    </section>
  );
}
