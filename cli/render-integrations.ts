/** A tenant's integrations as a terminal table (secrets only as hints). */
import Table from 'cli-table3';
import { ALERT_EVENT_TYPES } from '#events/alert-event.schema';
import type { IntegrationView } from '#events/integration.schema';

export function renderIntegrations(integrations: readonly IntegrationView[]): string {
  if (integrations.length === 0) return 'no integrations';
  const table = new Table({
    head: ['id', 'type', 'name', 'destination', 'secret', 'min severity', 'events', 'status'],
    style: { head: [], border: [] },
  });
  for (const i of integrations) {
    table.push([
      i.id,
      i.type,
      i.name ?? '',
      i.destination,
      (i.secretHints ?? []).join(' '),
      i.minSeverity,
      i.events.length === ALERT_EVENT_TYPES.length ? 'all' : i.events.join('\n'),
      i.status === 'active' ? 'active' : `disabled: ${i.disabledReason ?? ''}`,
    ]);
  }
  return table.toString();
}
