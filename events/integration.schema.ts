import type { FromSchema } from 'json-schema-to-ts';
import { ALERT_EVENT_TYPES } from './alert-event.schema.ts';
import { findingSchema } from './finding.schema.ts';

export const INTEGRATION_TYPES = ['webhook', 'slack', 'pagerduty'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

const severity = findingSchema.properties.severity;
const events = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', enum: ALERT_EVENT_TYPES },
} as const;

/**
 * What a person gives to add an integration (CLI flags, the portal's form, the API body). Secrets
 * (the URL of a Slack webhook, the webhook signing secret, the PagerDuty routing key) are sealed at
 * rest and never shown again in full.
 */
export const integrationInputSchema = {
  $id: 'https://surveyor.dev/schemas/integration-input.json',
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { type: 'string', enum: INTEGRATION_TYPES },
    /** Webhook receiver or Slack incoming-webhook URL; PagerDuty defaults to its Events API v2. */
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    /** Webhooks: a Standard Webhooks secret; generated (and shown once) when absent. */
    secret: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]{32,}={0,2}$' },
    /** PagerDuty: the service's Events API v2 integration key. */
    routingKey: { type: 'string', pattern: '^[A-Za-z0-9]{32}$' },
    /** Least severity of the findings sent (default medium). */
    minSeverity: severity,
    /** Event types sent (default: every finding event and endpoint.discovered). */
    events,
    name: { type: 'string', minLength: 1, maxLength: 80 },
  },
} as const;

/** An integration as listed (CLI, portal): destination and secrets only as hints. */
export const integrationViewSchema = {
  $id: 'https://surveyor.dev/schemas/integration-view.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'tenant', 'type', 'destination', 'minSeverity', 'events', 'status', 'createdAt'],
  properties: {
    id: { type: 'string', pattern: '^int_[0-9a-f]{16}$' },
    tenant: findingSchema.properties.tenant,
    type: { type: 'string', enum: INTEGRATION_TYPES },
    name: { type: 'string' },
    /** Scheme, host and the last characters: `https://hooks.slack.com/…Xk2f`. */
    destination: { type: 'string' },
    /** Last characters of the signing secrets (webhooks, newest first) or of the routing key. */
    secretHints: { type: 'array', items: { type: 'string' } },
    minSeverity: severity,
    events,
    status: { type: 'string', enum: ['active', 'disabled'] },
    disabledReason: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export type IntegrationInput = FromSchema<typeof integrationInputSchema>;
export type IntegrationView = FromSchema<typeof integrationViewSchema>;
