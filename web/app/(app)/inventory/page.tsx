import Link from 'next/link';
import { pageTenant } from '../../../lib/tenant-context.ts';
import { errorBody } from '../../../lib/api-errors.ts';

type Search = { host?: string; method?: string; q?: string; cursor?: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { data } = await pageTenant();
  let page;
  try {
    page = await data.inventory.page({ ...search, limit: 50 });
  } catch (error) {
    const { status, body } = errorBody(error);
    if (status >= 500) throw error;
    return (
      <main>
        <h1>Inventory</h1>
        <p className="error">{body.message}</p>
        <Link href="/inventory">Clear the filters</Link>
      </main>
    );
  }
  const filtered = Boolean(search.host || search.method || search.q);
  const next = new URLSearchParams({
    ...(search.host && { host: search.host }),
    ...(search.method && { method: search.method }),
    ...(search.q && { q: search.q }),
    ...(page.nextCursor && { cursor: page.nextCursor }),
  });
  return (
    <main>
      <h1>Inventory</h1>
      <form className="inline" role="search" action="/inventory">
        <label>
          Host
          <input name="host" defaultValue={search.host} placeholder="api.example.com" />
        </label>
        <label>
          Method
          <select name="method" defaultValue={search.method ?? ''}>
            <option value="">Any</option>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input name="q" defaultValue={search.q} placeholder="/users" />
        </label>
        <button type="submit">Filter</button>
        <a href="/api/v1/openapi" download>
          Download OpenAPI
        </a>
      </form>
      {page.endpoints.length === 0 ? (
        <div className="empty">
          {filtered ? (
            <p>
              No endpoint matches these filters. <Link href="/inventory">Clear the filters</Link>
            </p>
          ) : (
            <p>
              No traffic yet. <Link href="/onboarding">Connect a log source</Link> and endpoints appear here
              within a minute of the first record.
            </p>
          )}
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Host</th>
              <th>Method</th>
              <th>Path</th>
              <th className="num">Calls</th>
              <th>Exposure</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {page.endpoints.map((e) => (
              <tr key={e.id}>
                <td>{e.host}</td>
                <td>{e.method}</td>
                <td>
                  <Link href={`/inventory/${e.id}`}>{e.path}</Link>
                </td>
                <td className="num">{e.calls.toLocaleString('en-US')}</td>
                <td>{String(e.classification?.exposure ?? '')}</td>
                <td>{e.lastSeen?.slice(0, 19).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {search.cursor && <Link href="/inventory">First page</Link>}
        {page.nextCursor && <Link href={`/inventory?${next.toString()}`}>Next page</Link>}
      </div>
    </main>
  );
}
