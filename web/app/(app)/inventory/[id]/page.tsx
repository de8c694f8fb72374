import Link from 'next/link';
import { notFound } from 'next/navigation';
import { pageTenant } from '../../../../lib/tenant-context.ts';
import { CallsOverTime, ShareBars } from './charts.tsx';

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
            ? 'not in these logs'
            : `${endpoint.latencyMsAvg} ms average, ${endpoint.latencyMsMax} ms max`}
        </dd>
        <dt>Exposure</dt>
        <dd>
          {c.exposure}
          {endpoint.externalCalls !== undefined &&
            ` (${endpoint.externalCalls.toLocaleString('en-US')} calls from outside)`}
        </dd>
        <dt>Environment</dt>
        <dd>{c.environment}</dd>
        <dt>Specification</dt>
        <dd>{c.spec ?? 'no spec covers this host'}</dd>
        <dt>Sensitive data in URLs</dt>
        <dd>{c.sensitive.join(', ') || 'none'}</dd>
        <dt>Sample paths</dt>
        <dd>
          {endpoint.samples.map((s) => (
            <code key={s}>{s} </code>
          ))}
        </dd>
      </dl>
      <h2>Calls over time</h2>
      <CallsOverTime days={endpoint.callsByDay} />
      <h2>Status mix</h2>
      <ShareBars label="Calls by status class" parts={endpoint.status} />
      <h2>Auth schemes</h2>
      <ShareBars label="Calls by auth scheme" parts={endpoint.auth} />
      <h2>Top countries and networks of outside callers</h2>
      <h3>Countries</h3>
      <CallerRanks
        label="Countries of outside callers"
        ranked={endpoint.callers.countries.map((r) => [r.country, r.calls] as const)}
        seen={c.countries}
      />
      <h3>Networks (ASNs)</h3>
      <CallerRanks
        label="Networks of outside callers"
        ranked={endpoint.callers.networks.map((r) => [r.asn, r.calls] as const)}
        seen={c.asns}
      />
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

/** Ranked by calls; endpoints stored before callers were counted have only the first 50 seen. */
function CallerRanks({
  label,
  ranked,
  seen,
}: {
  label: string;
  ranked: readonly (readonly [string, number])[];
  seen: readonly string[];
}) {
  if (ranked.length > 0)
    return (
      <ol className="chips" aria-label={label}>
        {ranked.map(([name, calls]) => (
          <li key={name}>
            {name} <span className="muted">{calls.toLocaleString('en-US')} calls</span>
          </li>
        ))}
      </ol>
    );
  if (seen.length === 0) return <p className="muted">No outside callers seen.</p>;
  return (
    <ul className="chips" aria-label={label}>
      {seen.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}
