import type { FromSchema } from 'json-schema-to-ts';

/**
 * What starts a scan execution: the tenant's EventBridge Scheduler schedule (`{ tenant }`) or an
 * on-demand start for one domain (`{ tenant, domain }`).
 */
export const scanRequestSchema = {
  $id: 'https://surveyor.dev/schemas/scan-request.json',
  type: 'object',
  additionalProperties: false,
  required: ['tenant'],
  properties: {
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    domain: { type: 'string', minLength: 3, maxLength: 253 },
  },
} as const;

export type ScanRequestEvent = FromSchema<typeof scanRequestSchema>;
