import type { FromSchema } from 'json-schema-to-ts';

/**
 * `surveyor scan --targets FILE`: like curl's `--resolve`, each entry connects to `address:port` and
 * uses `host` for SNI, the Host header and certificate checks.
 */
export const scanTargetsSchema = {
  $id: 'https://surveyor.dev/schemas/scan-targets.json',
  type: 'array',
  minItems: 1,
  maxItems: 10000,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['host', 'address', 'port'],
    properties: {
      host: { type: 'string', minLength: 1, maxLength: 253 },
      address: { type: 'string', minLength: 2, maxLength: 64 },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
    },
  },
} as const;

export type ScanTargetsFile = FromSchema<typeof scanTargetsSchema>;
