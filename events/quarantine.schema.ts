/** A line that did not parse, kept with its reason (redacted) so nothing is dropped silently. */
import type { FromSchema } from 'json-schema-to-ts';

/**
 * A log line that could not be turned into an API call. It is kept (with query values redacted) and
 * counted, never dropped silently.
 */
export const quarantineSchema = {
  $id: 'https://surveyor.dev/schemas/quarantine.json',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'line', 'reason', 'raw'],
  properties: {
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    /** The format the line was parsed as (a LogFormat), or unknown when it matched none. */
    format: { type: 'string', enum: ['alb', 'apigw', 'nginx', 'apache', 'envoy', 'json', 'unknown'] },
    /** Where the line came from: a file path, `s3://bucket/key`, or a log group/stream. */
    origin: { type: 'string', maxLength: 2048 },
    /** 1-based line number within its origin. */
    line: { type: 'integer', minimum: 1 },
    reason: { type: 'string', minLength: 1, maxLength: 512 },
    /** The line, truncated to 2 KiB, with query-string values redacted. */
    raw: { type: 'string', maxLength: 2100 },
  },
} as const;

export type Quarantined = FromSchema<typeof quarantineSchema>;
