/**
 * "Send test" (CLI `integrations test`, the portal's button): a sample `finding.opened` marked
 * `data.test`, delivered at once with the usual retries but no delivery record. A PagerDuty test
 * incident is resolved right after, so nobody is left paged.
 */
import type { Finding } from '#events/finding.schema';
import { eventId, findingEvent, type PlannedEvent } from './alert-events.ts';
import { deliver, type DeliveryOptions, type DeliveryOutcome } from './deliver.ts';
import type { ActiveIntegration } from './integrations.ts';

export async function sendTestEvent(
  integration: ActiveIntegration,
  portalUrl: string,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const at = options.now().toISOString();
  const finding: Finding = {
    id: eventId('surveyor-test', integration.id).slice('msg_'.length),
    tenant: integration.tenant,
    type: 'shadow-endpoint',
    severity: 'high',
    host: 'api.example.com',
    method: 'GET',
    path: '/surveyor-test',
    subject: 'api.example.com GET /surveyor-test',
    evidence: { calls: 1, test: true },
    firstSeen: at,
    lastSeen: at,
    occurrences: 1,
    status: 'open',
    statusAt: at,
  };
  const opened = findingEvent(
    { change: 'opened', tenant: integration.tenant, at, finding },
    `test-${at}`,
    portalUrl,
  )!;
  const event: PlannedEvent = {
    ...opened,
    body: { ...opened.body, data: { ...opened.body.data, test: true } },
  };
  const outcome = await deliver(integration, event, options);
  if (outcome.kind !== 'delivered' || integration.type !== 'pagerduty') return outcome;
  const resolved = findingEvent(
    { change: 'status-changed', tenant: integration.tenant, at, finding: { ...finding, status: 'resolved' } },
    `test-resolve-${at}`,
    portalUrl,
  )!;
  return deliver(integration, resolved, options);
}
