/** An endpoint stored for the first time: the consumer reports it, alerting routes it. */
import type { FromSchema } from 'json-schema-to-ts';

/** Emitted the first time an endpoint is stored for a tenant; alerting routes it to webhooks. */
export const newEndpointSchema = {
  $id: 'https://surveyor.dev/schemas/new-endpoint.json',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'tenant', 'host', 'method', 'path', 'firstSeen'],
  properties: {
    type: { const: 'new-endpoint' },
    tenant: { type: 'string' },
    host: { type: 'string' },
    method: { type: 'string' },
    path: { type: 'string' },
    firstSeen: { type: 'string', format: 'date-time' },
  },
} as const;

export type NewEndpoint = FromSchema<typeof newEndpointSchema>;
