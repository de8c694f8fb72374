/**
 * One inventory endpoint as every reader sees it (analyze --json, inventory --json, the portal), so
 * stored and analyzed inventories compare field by field.
 */
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
    /** Calls from outside the private ranges and the tenant's own networks. */
    externalCalls: count,
    /** Calls with sensitive data in the path or query. */
    sensitiveCalls: count,
    /** Calls by authentication scheme. */
    auth: { type: 'object', propertyNames: { enum: AUTH_SCHEMES }, additionalProperties: count },
    /** Up to five concrete paths seen, sensitive values redacted. */
    samples: { type: 'array', items: { type: 'string' }, maxItems: 5 },
    /** Calls per TLS protocol at the load balancer (`TLSv1.2`...). */
    tlsProtocols: { type: 'object', additionalProperties: count },
    /** What Surveyor judges about the endpoint (issue-4 classification). */
    classification: {
      type: 'object',
      additionalProperties: false,
      required: ['auth', 'exposure', 'environment', 'sensitive', 'countries', 'asns'],
      properties: {
        /** Authentication schemes seen, strongest first by calls. */
        auth: { type: 'array', items: { type: 'string' } },
        /** `external` when any caller came from outside private, CGNAT, link-local ranges. */
        exposure: { enum: ['internal', 'external'] },
        /** `production`, or the non-production environment the host names (`dev`, `staging`...). */
        environment: { type: 'string' },
        /** Sensitive data types seen in its URLs. */
        sensitive: { type: 'array', items: { type: 'string' } },
        /** Countries of external callers (ISO 3166 alpha-2), at most 50. */
        countries: { type: 'array', maxItems: 50, items: { type: 'string' } },
        /** Networks of external callers (`AS16509`), at most 50. */
        asns: { type: 'array', maxItems: 50, items: { type: 'string' } },
        /** Against the uploaded specs: documented, shadow, method-not-in-spec, zombie (absent: no spec). */
        spec: { type: 'string' },
      },
    },
  },
} as const;

export type EndpointSummary = FromSchema<typeof endpointSummarySchema>;
