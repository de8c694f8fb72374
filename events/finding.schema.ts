/** A finding as stored and shown: lifecycle status, who changed it and why, evidence without values. */
import type { FromSchema } from 'json-schema-to-ts';

export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * One finding as stored (findings table) and shown. Its id hashes tenant, type and subject, so the
 * same problem seen again updates the same record. Evidence holds names and counts, never secret values.
 */
export const findingSchema = {
  $id: 'https://surveyor.dev/schemas/finding.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'tenant',
    'type',
    'severity',
    'host',
    'subject',
    'evidence',
    'firstSeen',
    'lastSeen',
    'occurrences',
    'status',
    'statusAt',
  ],
  properties: {
    /** 32 hex characters: `findingId(tenant, type, subject)`. */
    id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    /** A built-in type (`shadow-endpoint`, ...) or `custom:<rule-id>`. */
    type: { type: 'string', pattern: '^(?:[a-z][a-z0-9-]{1,40}|custom:[a-z0-9][a-z0-9._-]{0,63})$' },
    severity: { type: 'string', enum: ['critical', 'high', 'medium', 'low', 'info'] },
    host: { type: 'string', minLength: 1, maxLength: 255 },
    method: { type: 'string', pattern: '^[A-Z][A-Z0-9_-]{0,19}$' },
    path: { type: 'string', minLength: 1, maxLength: 2048 },
    /** What the finding is about within its type, e.g. `api.example.com POST /users/{id}`. */
    subject: { type: 'string', minLength: 1, maxLength: 2400 },
    /** Custom rules only: the rule's category and description. */
    category: { type: 'string', maxLength: 128 },
    description: { type: 'string', maxLength: 2048 },
    evidence: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: {
        anyOf: [
          { type: 'string', maxLength: 1024 },
          { type: 'number' },
          { type: 'boolean' },
          { type: 'array', items: { type: 'string', maxLength: 256 }, maxItems: 100 },
        ],
      },
    },
    firstSeen: { type: 'string', format: 'date-time' },
    lastSeen: { type: 'string', format: 'date-time' },
    occurrences: { type: 'integer', minimum: 0 },
    status: { type: 'string', enum: FINDING_STATUSES },
    /** Who set the status: a user id, or `surveyor` for automatic changes (new, reopened). */
    statusBy: { type: 'string', minLength: 1, maxLength: 256 },
    statusAt: { type: 'string', format: 'date-time' },
    statusReason: { type: 'string', minLength: 1, maxLength: 1024 },
    /**
     * The audit trail, oldest first: every status change (people's and the pipeline's) and severity
     * escalation, at most the last 100. Findings stored before it existed start theirs at the next change.
     */
    history: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'by', 'to', 'reason'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          by: { type: 'string', minLength: 1, maxLength: 256 },
          /** Absent when the finding was created. */
          from: { type: 'string', enum: FINDING_STATUSES },
          to: { type: 'string', enum: FINDING_STATUSES },
          reason: { type: 'string', minLength: 1, maxLength: 1024 },
        },
      },
    },
  },
} as const;

export type Finding = FromSchema<typeof findingSchema>;
