import Link from 'next/link';
import { ENDPOINT_QUERY_PARAMS } from '#shared/tenancy/endpoint-filters';
import { pageTenant } from '../../../lib/tenant-context.ts';
import { errorBody } from '../../../lib/api-errors.ts';
import { activeFilters, FilterForm, type FilterValues } from './filter-form.tsx';

type Search = FilterValues & { cursor?: string };

// The API's query parameters but the page size (the page always shows 50) and the cursor (kept apart).
const FILTER_NAMES = ENDPOINT_QUERY_PARAMS.filter(
  (k): k is Exclude<(typeof ENDPOINT_QUERY_PARAMS)[number], 'limit' | 'cursor'> =>
    k !== 'limit' && k !== 'cursor',
);

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  // Only single string values: a repeated parameter (`?host=a&host=b`) counts as absent.
  const search: Search = Object.fromEntries(
    [...FILTER_NAMES, 'cursor' as const].flatMap((k) => (typeof raw[k] === 'string' ? [[k, raw[k]]] : [])),
  );
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
  const filtered = activeFilters(search) > 0;
  const next = new URLSearchParams({
    ...Object.fromEntries(FILTER_NAMES.flatMap((k) => (search[k] ? [[k, search[k]]] : []))),
    ...(page.nextCursor && { cursor: page.nextCursor }),
  });
  const first = new URLSearchParams(next);
  first.delete('cursor');
  return (
    <main>
      <h1>Inventory</h1>
      <FilterForm values={search} />
      <p>
        <a href="/api/v1/openapi" download>
          Download OpenAPI
        </a>
      </p>
      {page.endpoints.length === 0 ? (
        <div className="empty">
          {filtered ? (
            <p>
              {page.nextCursor
                ? 'No endpoint on this stretch of the inventory matches these filters; the next page reads on. '
                : 'No endpoint matches these filters. '}
              <Link href="/inventory">Clear the filters</Link>
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
              <th>Auth</th>
              <th>Spec</th>
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
                <td>{e.classification?.auth.join(', ')}</td>
                <td>{e.classification?.spec ?? '—'}</td>
                <td>{e.lastSeen?.slice(0, 19).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {search.cursor && <Link href={`/inventory?${first.toString()}`}>First page</Link>}
        {page.nextCursor && <Link href={`/inventory?${next.toString()}`}>Next page</Link>}
      </div>
    </main>
  );
}
