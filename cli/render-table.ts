/** The inventory as a terminal table. */
import Table from 'cli-table3';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { FindingRef } from '#shared/policy/export-policy';

export function renderTable(endpoints: readonly EndpointSummary[]): string {
  const table = new Table({
    head: ['host', 'method', 'path', 'calls', '2xx', '4xx', '5xx', 'clients', 'auth', 'last seen'],
    style: { head: [], border: [] },
  });
  for (const e of endpoints) {
    const auth = Object.entries(e.auth)
      .sort((a, b) => b[1] - a[1])
      .map(([scheme]) => scheme)
      .join(',');
    table.push([
      e.host,
      e.method,
      e.path,
      e.calls,
      e.status['2xx'],
      e.status['4xx'],
      e.status['5xx'],
      e.clients,
      auth,
      e.lastSeen,
    ]);
  }
  return table.toString();
}

/** Findings, most severe first. */
export function renderFindings(
  findings: readonly (FindingRef & { readonly severity: string; readonly status?: string })[],
): string {
  const rank = ['critical', 'high', 'medium', 'low', 'info'];
  // Stored findings have a status; findings from `analyze` do not.
  const withStatus = findings.some((f) => f.status !== undefined);
  const table = new Table({
    head: ['severity', 'finding', 'host', 'method', 'path', ...(withStatus ? ['status'] : [])],
    style: { head: [], border: [] },
  });
  for (const f of [...findings].sort((a, b) => rank.indexOf(a.severity) - rank.indexOf(b.severity))) {
    table.push([
      f.severity,
      f.type,
      f.host,
      f.method ?? '',
      f.path ?? '',
      ...(withStatus ? [f.status ?? ''] : []),
    ]);
  }
  return table.toString();
}
