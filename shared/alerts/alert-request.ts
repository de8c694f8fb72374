/**
 * The HTTP request one attempt posts for an event: Standard Webhooks signed JSON, a Slack Block Kit
 * message, or a PagerDuty Events API v2 event. Webhook bodies are the same on every attempt; the
 * timestamp header and signatures are the attempt's own.
 */
import type { ActiveIntegration } from './integrations.ts';
import type { PlannedEvent } from './alert-events.ts';
import { pagerDutyEvent } from './pagerduty-event.ts';
import { slackMessage } from './slack-message.ts';
import { webhookHeaders } from './webhook-signature.ts';

export const USER_AGENT = 'Surveyor-Alerts/1.0';

export interface OutgoingRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** `alertRequest(integration, event, new Date())` */
export function alertRequest(integration: ActiveIntegration, event: PlannedEvent, at: Date): OutgoingRequest {
  const json = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  switch (integration.type) {
    case 'webhook': {
      const body = JSON.stringify(event.body);
      const timestamp = Math.floor(at.getTime() / 1000);
      return {
        url: integration.url,
        headers: { ...json, ...webhookHeaders(integration.secrets ?? [], event.id, timestamp, body) },
        body,
      };
    }
    case 'slack':
      return { url: integration.url, headers: json, body: JSON.stringify(slackMessage(event)) };
    case 'pagerduty':
      return {
        url: integration.url,
        headers: json,
        body: JSON.stringify(pagerDutyEvent(event, integration.routingKey!)),
      };
  }
}
