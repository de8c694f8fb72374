/**
 * PagerDuty Events API v2 bodies: findings trigger with `dedup_key` = the finding id (a reopened or
 * escalated finding updates the same incident) and resolve with the same key; digests and endpoint
 * batches trigger under their event id. Limits: summary 1,024 characters, dedup key 255.
 */
import type { Severity } from '#shared/findings/catalogue';
import type { PlannedEvent } from './alert-events.ts';
import { endpointText, evidenceText, truncate } from './evidence-text.ts';

/** Surveyor severities on PagerDuty's four. */
export const PAGERDUTY_SEVERITY: Readonly<Record<Severity, 'critical' | 'error' | 'warning' | 'info'>> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

const LISTED = 50;

/** The event to post for `event` with the service's routing key. */
export function pagerDutyEvent(event: PlannedEvent, routingKey: string): Record<string, unknown> {
  const { data } = event.body;
  const client = { client: 'Surveyor' };
  if (event.type === 'finding.resolved')
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: data.finding!.id };
  if (event.type === 'finding.digest' || event.type === 'endpoint.discovered') {
    const digest = event.type === 'finding.digest';
    const summary = digest
      ? `${data.count} finding events for ${data.tenant}, highest severity ${event.severity ?? 'info'}`
      : `${data.endpoints!.length} new API endpoint(s) discovered for ${data.tenant}`;
    return {
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: event.id,
      ...client,
      payload: {
        summary: truncate(summary, 1024),
        source: data.tenant,
        severity: PAGERDUTY_SEVERITY[digest ? (event.severity ?? 'info') : 'info'],
        timestamp: event.body.timestamp,
        class: event.type,
        custom_details: digest
          ? {
              count: data.count,
              findings: data.findings!.slice(0, LISTED).map((f) => ({
                event: f.event,
                id: f.id,
                type: f.type,
                severity: f.severity,
                endpoint: endpointText(f),
                url: f.url,
              })),
            }
          : { endpoints: data.endpoints!.slice(0, LISTED).map((e) => `${e.method} ${e.host} ${e.path}`) },
      },
    };
  }
  const f = data.finding!;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: f.id,
    ...client,
    client_url: f.url,
    links: [{ href: f.url, text: 'Open in Surveyor' }],
    payload: {
      summary: truncate(`[${f.severity}] ${f.title}: ${endpointText(f)}`, 1024),
      source: f.host,
      severity: PAGERDUTY_SEVERITY[f.severity],
      timestamp: event.body.timestamp,
      ...(f.method !== null && f.path !== null && { component: truncate(`${f.method} ${f.path}`, 255) }),
      group: f.type,
      class: event.type,
      custom_details: {
        finding: f.id,
        type: f.type,
        status: f.status,
        occurrences: f.occurrences,
        firstSeen: f.firstSeen,
        lastSeen: f.lastSeen,
        evidence: evidenceText(f.evidence, 2000),
      },
    },
  };
}
