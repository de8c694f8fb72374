/** The inventory as a terminal table. */
import Table from 'cli-table3';
import type { EndpointSummary } from '#events/endpoint-summary.schema';

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
