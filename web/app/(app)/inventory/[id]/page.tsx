import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pageTenant } from '../../../../lib/tenant-context.ts';

export default async function EndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data } = await pageTenant();
  const endpoint = await data.inventory.get(id);
  if (endpoint === undefined) notFound();
  const related = (await data.findings.list()).filter(
    (f) =>
      f.host === endpoint.host &&
      f.path === endpoint.path &&
      (f.method === undefined || f.method === endpoint.method),
  );
  const c = endpoint.classification ?? {
    auth: [],
    exposure: 'unknown',
    environment: 'unknown',
    sensitive: [],
    countries: [],
    asns: [],
    spec: undefined,
  };
  return (
    <main>
      <p>
        <Link href="/inventory">← Inventory</Link>
      </p>
      <h1>
        {endpoint.method} {endpoint.host}
        {endpoint.path}
      </h1>
      <dl className="facts">
        <dt>Calls</dt>
        <dd>{endpoint.calls.toLocaleString('en-US')}</dd>
        <dt>First seen</dt>
        <dd>{endpoint.firstSeen}</dd>
        <dt>Last seen</dt>
        <dd>{endpoint.lastSeen}</dd>
        <dt>Distinct clients</dt>
        <dd>{endpoint.clients}</dd>
        <dt>Latency</dt>
        <dd>
          {endpoint.latencyMsAvg === undefined
            ? '—'
            : `${endpoint.latencyMsAvg} ms average, ${endpoint.latencyMsMax} ms max`}
        </dd>
        <dt>Status mix</dt>
        <dd>
          {Object.entries(endpoint.status)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ') || '—'}
        </dd>
        <dt>Auth schemes</dt>
        <dd>{c.auth.join(', ') || 'none seen'}</dd>
        <dt>Exposure</dt>
        <dd>{c.exposure}</dd>
        <dt>Environment</dt>
        <dd>{c.environment}</dd>
        <dt>Specification</dt>
        <dd>{c.spec ?? 'no spec uploaded'}</dd>
        <dt>Sensitive data in URLs</dt>
        <dd>{c.sensitive.join(', ') || 'none'}</dd>
        <dt>Top countries</dt>
        <dd>{c.countries.join(', ') || '—'}</dd>
        <dt>Top networks</dt>
        <dd>{c.asns.join(', ') || '—'}</dd>
        <dt>Sample paths</dt>
        <dd>
          {endpoint.samples.map((s) => (
            <code key={s}>{s} </code>
          ))}
        </dd>
      </dl>
      <h2>Related findings</h2>
      {related.length === 0 ? (
        <p className="muted">No findings on this endpoint.</p>
      ) : (
        <ul>
          {related.map((f) => (
            <li key={f.id}>
              <Link href={`/findings/${f.id}`}>{f.type}</Link>{' '}
              <span className={`badge sev-${f.severity}`}>{f.severity}</span> ({f.status})
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
