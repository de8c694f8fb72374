import type { FromSchema } from 'json-schema-to-ts';
import { findingSchema } from './finding.schema.ts';

/** Every type a webhook body can carry (Standard Webhooks `type`); integrations subscribe to a subset. */
export const ALERT_EVENT_TYPES = [
  'finding.opened',
  'finding.reopened',
  'finding.resolved',
  'finding.escalated',
  'finding.digest',
  'endpoint.discovered',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** Types that report one finding (folded into `finding.digest` during a storm). */
export const FINDING_EVENT_TYPES = [
  'finding.opened',
  'finding.reopened',
  'finding.resolved',
  'finding.escalated',
] as const satisfies readonly AlertEventType[];
export type FindingEventType = (typeof FINDING_EVENT_TYPES)[number];

const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;

/**
 * A finding as alerts show it: the stored finding's names and counts (never raw paths or query
 * values), a title from the catalogue and a link to it in the portal. `method` and `path` are null
 * for host-wide findings (e.g. a non-production host).
 */
export const alertFindingSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'type',
    'severity',
    'status',
    'host',
    'method',
    'path',
    'title',
    'subject',
    'evidence',
    'occurrences',
    'firstSeen',
    'lastSeen',
    'url',
  ],
  properties: {
    id: findingSchema.properties.id,
    type: findingSchema.properties.type,
    severity: findingSchema.properties.severity,
    status: findingSchema.properties.status,
    host: findingSchema.properties.host,
    method: nullableText(20),
    path: nullableText(2048),
    title: { type: 'string', maxLength: 512 },
    subject: findingSchema.properties.subject,
    evidence: findingSchema.properties.evidence,
    occurrences: findingSchema.properties.occurrences,
    firstSeen: findingSchema.properties.firstSeen,
    lastSeen: findingSchema.properties.lastSeen,
    /** The finding in the portal. */
    url: { type: 'string', maxLength: 2400 },
  },
} as const;

const tenant = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;

/** A newly stored endpoint, as `endpoint.discovered` lists it. */
export const alertEndpointSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'method', 'path', 'firstSeen'],
  properties: {
    host: { type: 'string', maxLength: 255 },
    method: { type: 'string', maxLength: 20 },
    /** The template (`/users/{id}`), never a raw path. */
    path: { type: 'string', maxLength: 2048 },
    firstSeen: { type: 'string', format: 'date-time' },
  },
} as const;

/**
 * The body of every webhook (Standard Webhooks: `{ type, timestamp, data }`), and what Slack and
 * PagerDuty messages are rendered from. One event has one id (`webhook-id`) for every attempt.
 */
export const alertEventSchema = {
  $id: 'https://surveyor.dev/schemas/alert-event.json',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'timestamp', 'data'],
  properties: {
    type: { type: 'string', enum: ALERT_EVENT_TYPES },
    /** When it happened (the table change), ISO 8601. */
    timestamp: { type: 'string', format: 'date-time' },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['tenant'],
      properties: {
        tenant,
        /** finding.opened / reopened / resolved / escalated */
        finding: alertFindingSchema,
        previousStatus: findingSchema.properties.status,
        previousSeverity: findingSchema.properties.severity,
        /** finding.digest: how many findings, and each with the event it stands for. */
        count: { type: 'integer', minimum: 1 },
        findings: {
          type: 'array',
          items: {
            ...alertFindingSchema,
            required: [...alertFindingSchema.required, 'event'],
            properties: {
              ...alertFindingSchema.properties,
              event: { type: 'string', enum: FINDING_EVENT_TYPES },
            },
          },
        },
        /** endpoint.discovered: the batch of new endpoints. */
        endpoints: { type: 'array', minItems: 1, items: alertEndpointSchema },
        /** Sent by `integrations test` and the portal's "send test": not a real finding. */
        test: { type: 'boolean' },
      },
    },
  },
} as const;

export type AlertEvent = FromSchema<typeof alertEventSchema>;
export type AlertFinding = FromSchema<typeof alertFindingSchema>;
export type AlertEndpoint = FromSchema<typeof alertEndpointSchema>;
