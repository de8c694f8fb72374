/**
 * What alerting consumes: a finding's change derived from the findings table's stream, with the
 * stored finding attached.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { findingSchema } from './finding.schema.ts';

// The finding without its $id: one schema id may be registered with ajv once.
const { $id: _findingId, ...findingShape } = findingSchema;

/** What happened to a finding, as alerting cares: refreshed evidence alone is not a change. */
export const FINDING_CHANGES = ['opened', 'reopened', 'status-changed', 'escalated'] as const;

/**
 * One change of the findings table, derived from its stream (old and new image). Alert routing
 * (Slack, PagerDuty) reads these; the finding is the stored one, so it carries no secret values.
 */
export const findingChangeSchema = {
  $id: 'https://surveyor.dev/schemas/finding-change.json',
  type: 'object',
  additionalProperties: false,
  required: ['change', 'tenant', 'at', 'finding'],
  properties: {
    change: { type: 'string', enum: FINDING_CHANGES },
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    /** When the table changed (the stream record's approximate creation time). */
    at: { type: 'string', format: 'date-time' },
    previousStatus: findingSchema.properties.status,
    previousSeverity: findingSchema.properties.severity,
    finding: findingShape,
  },
} as const;

export type FindingChange = FromSchema<typeof findingChangeSchema>;
export type FindingChangeKind = (typeof FINDING_CHANGES)[number];
