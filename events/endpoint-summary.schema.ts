import type { FromSchema } from 'json-schema-to-ts';
import { AUTH_SCHEMES } from './api-call.schema.ts';

const count = { type: 'integer', minimum: 0 } as const;

/**
 * One endpoint of the inventory: what `surveyor analyze --json` and `surveyor inventory --json`
 * print, and what the portal shows. `path` is the template with `{name}` parameters.
 */
export const endpointSummarySchema = {
  $id: 'https://surveyor.dev/schemas/endpoint-summary.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'host',
    'method',
    'path',
    'calls',
    'firstSeen',
    'lastSeen',
    'status',
    'clients',
    'auth',
    'samples',
  ],
  properties: {
    host: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    calls: count,
    firstSeen: { type: 'string', format: 'date-time' },
    lastSeen: { type: 'string', format: 'date-time' },
    /** Calls by response status class. */
    status: {
      type: 'object',
      additionalProperties: false,
      required: ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'],
      properties: { '1xx': count, '2xx': count, '3xx': count, '4xx': count, '5xx': count, other: count },
    },
    latencyMsAvg: { type: 'number', minimum: 0 },
    latencyMsMax: { type: 'number', minimum: 0 },
    bytesIn: count,
    bytesOut: count,
    /** Estimated distinct client IPs (HyperLogLog, about 2% error). */
    clients: count,
    /** Calls by authentication scheme. */
    auth: { type: 'object', propertyNames: { enum: AUTH_SCHEMES }, additionalProperties: count },
    /** Up to five concrete paths seen, sensitive values redacted. */
    samples: { type: 'array', items: { type: 'string' }, maxItems: 5 },
  },
} as const;

export type EndpointSummary = FromSchema<typeof endpointSummarySchema>;
