/** What travels on Kinesis inside a signed record: calls and quarantined lines, no tenant claim. */
import type { FromSchema } from 'json-schema-to-ts';
import { apiCallSchema } from './api-call.schema.ts';
import { quarantineSchema } from './quarantine.schema.ts';

/**
 * The body of one Kinesis record shipped by a forwarder: a batch of parsed calls and the lines it
 * had to quarantine. The record is signed with the forwarder's ingest key (shared/ingest/envelope.ts);
 * no tenant is claimed here: the consumer takes the tenant from the key's registry entry.
 */
export const ingestEnvelopeSchema = {
  $id: 'https://surveyor.dev/schemas/ingest-envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['sentAt', 'origin', 'idempotencyKey', 'calls', 'quarantined'],
  properties: {
    sentAt: { type: 'string', format: 'date-time' },
    /** `s3://bucket/key` or `cwl://log-group/log-stream`. */
    origin: { type: 'string', minLength: 1, maxLength: 2048 },
    /** Same source chunk => same key, so a redelivered file or retried PutRecords is applied once. */
    idempotencyKey: { type: 'string', minLength: 1, maxLength: 512 },
    calls: { type: 'array', items: apiCallSchema, maxItems: 5000 },
    quarantined: { type: 'array', items: quarantineSchema, maxItems: 5000 },
    /**
     * The AWS account API Gateway authenticated the intake's caller as (IAM route only). Written by
     * the intake; the consumer refuses a bound key's envelope without the key's account here.
     */
    senderAccount: { type: 'string', pattern: '^[0-9]{12}$' },
  },
} as const;

export type IngestEnvelope = FromSchema<typeof ingestEnvelopeSchema>;

/**
 * The envelope as the consumer checks it first: calls and quarantined lines are then checked one
 * by one (shared/ingest/open-records.ts), so one bad call is quarantined alone, not with its envelope.
 */
export const ingestEnvelopeShellSchema = {
  ...ingestEnvelopeSchema,
  $id: 'https://surveyor.dev/schemas/ingest-envelope-shell.json',
  properties: {
    ...ingestEnvelopeSchema.properties,
    calls: { type: 'array', items: { type: 'object' }, maxItems: 5000 },
    quarantined: { type: 'array', items: { type: 'object' }, maxItems: 5000 },
  },
} as const;

export type IngestEnvelopeShell = Omit<IngestEnvelope, 'calls' | 'quarantined'> & {
  calls: Record<string, unknown>[];
  quarantined: Record<string, unknown>[];
};
