/**
 * The demo tenant's alert integrations, pointed at the local sink: a Slack channel, a PagerDuty
 * service and a signed webhook, saved through the same module the CLI and portal use. Integrations
 * left from a run whose sink listened elsewhere are replaced.
 */
import { addIntegration, listIntegrations, removeIntegration } from '#shared/alerts/integrations';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { destinationVetter } from '#shared/alerts/vetted-net';
import { localSealer } from '#shared/alerts/secret-sealer';
import type { AlertSink } from '#local/stack/alert-sink';
import type { LocalClients } from '#local/stack/clients';
import type { ResourceNames } from '#local/stack/resource-names';

/** The demo PagerDuty service's routing key (32 characters, as PagerDuty issues them). */
export const DEMO_ROUTING_KEY = 'demo0000000000000000000000000000';

export async function connectDemoAlerts(
  clients: LocalClients,
  names: ResourceNames,
  localKey: string,
  sink: AlertSink,
  tenant: string,
): Promise<void> {
  const store = {
    doc: clients.doc,
    tableName: names.alertsTable,
    sealer: localSealer(Buffer.from(localKey, 'base64')),
    policy: LOCAL_DESTINATIONS,
    vetter: destinationVetter(LOCAL_DESTINATIONS),
  };
  const existing = await listIntegrations(store, tenant);
  const current = existing.filter((i) => i.destination.startsWith(`${sink.url}/`));
  for (const stale of existing.filter((i) => !current.includes(i)))
    await removeIntegration(store, tenant, stale.id);
  if (current.length > 0) return;
  const now = new Date();
  await addIntegration(store, tenant, { type: 'slack', name: 'demo #security', url: sink.slackUrl() }, now);
  await addIntegration(
    store,
    tenant,
    { type: 'pagerduty', name: 'demo on-call', url: sink.pagerDutyUrl, routingKey: DEMO_ROUTING_KEY },
    now,
  );
  await addIntegration(
    store,
    tenant,
    { type: 'webhook', name: 'demo receiver', url: sink.webhookUrl('demo') },
    now,
  );
}
