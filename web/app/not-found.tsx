import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="narrow">
      <h1>Not found</h1>
      <p>There is nothing here, or it belongs to another tenant.</p>
      <p>
        <Link href="/inventory">Back to the inventory</Link>
      </p>
    </main>
  );
}
