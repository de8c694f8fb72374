import Link from 'next/link';
import { FINDING_STATUSES } from '#events/finding.schema';
import { SEVERITIES } from '#shared/tenancy/findings-pages';
import { errorBody } from '../../../lib/api-errors.ts';
import { pageTenant } from '../../../lib/tenant-context.ts';

type Search = { status?: string; type?: string; severity?: string; cursor?: string };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { data } = await pageTenant();
  let page;
  try {
    page = await data.findings.page({ ...search, limit: 50 });
  } catch (error) {
    const { status, body } = errorBody(error);
    if (status >= 500) throw error;
    return (
      <main>
        <h1>Findings</h1>
        <p className="error">{body.message}</p>
        <Link href="/findings">Clear the filters</Link>
      </main>
    );
  }
  const next = new URLSearchParams({
    ...(search.status && { status: search.status }),
    ...(search.type && { type: search.type }),
    ...(search.severity && { severity: search.severity }),
    ...(page.nextCursor && { cursor: page.nextCursor }),
  });
  return (
    <main>
      <h1>Findings</h1>
      <form className="inline" role="search" action="/findings">
        <label>
          Status
          <select name="status" defaultValue={search.status ?? ''}>
            <option value="">Any</option>
            {FINDING_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Severity
          <select name="severity" defaultValue={search.severity ?? ''}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Type
          <input name="type" defaultValue={search.type} placeholder="shadow-endpoint" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {page.findings.length === 0 ? (
        <div className="empty">
          <p>
            No findings{search.status || search.type || search.severity ? ' match these filters' : ' yet'}.
            Findings appear as traffic arrives; <Link href="/onboarding">connect a log source</Link> if none
            is connected.
          </p>
        </div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Severity</th>
              <th>Type</th>
              <th>Subject</th>
              <th>Status</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {page.findings.map((f) => (
              <tr key={f.id}>
                <td>
                  <span className={`badge sev-${f.severity}`}>{f.severity}</span>
                </td>
                <td>
                  <Link href={`/findings/${f.id}`}>{f.type}</Link>
                </td>
                <td>{f.subject}</td>
                <td>{f.status}</td>
                <td>{f.lastSeen.slice(0, 19).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {search.cursor && <Link href="/findings">First page</Link>}
        {page.nextCursor && <Link href={`/findings?${next.toString()}`}>Next page</Link>}
      </div>
    </main>
  );
}
