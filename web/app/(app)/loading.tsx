export default function Loading() {
  return (
    <main aria-busy="true">
      <p className="muted">Loading…</p>
    </main>
  );
}
