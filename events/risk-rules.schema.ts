import type { FromSchema } from 'json-schema-to-ts';
import { AUTH_SCHEMES } from './api-call.schema.ts';

const stringOrList = (item: { type: 'string'; minLength: 1; maxLength: number }) =>
  ({ anyOf: [item, { type: 'array', items: item, minItems: 1, maxItems: 50 }] }) as const;

/**
 * A tenant's custom risk categories. Every criterion in `match` must hold for an endpoint to match;
 * list criteria hold when the endpoint shows any listed value. Globs use picomatch syntax
 * (`*.example.com`, `/billing/**`) and compare case-insensitively, like the inventory.
 */
export const riskRulesSchema = {
  $id: 'https://surveyor.dev/schemas/risk-rules.json',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'category', 'severity', 'match'],
        properties: {
          /** Becomes the finding type `custom:<id>`. */
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
          category: { type: 'string', minLength: 1, maxLength: 128 },
          severity: { type: 'string', enum: ['critical', 'high', 'medium', 'low', 'info'] },
          description: { type: 'string', maxLength: 2048 },
          /** What a WAF export of this rule does with matching requests. */
          action: { type: 'string', enum: ['block', 'count'] },
          match: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              host: stringOrList({ type: 'string', minLength: 1, maxLength: 255 }),
              path: stringOrList({ type: 'string', minLength: 1, maxLength: 1024 }),
              methods: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', pattern: '^[A-Z][A-Z0-9_-]{0,19}$' },
              },
              auth: { type: 'array', minItems: 1, items: { type: 'string', enum: AUTH_SCHEMES } },
              exposure: { type: 'string', enum: ['internal', 'external'] },
              environment: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1, maxLength: 32 },
              },
              countries: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z]{2}$' } },
              asns: {
                type: 'array',
                minItems: 1,
                items: {
                  anyOf: [
                    { type: 'integer', minimum: 0 },
                    { type: 'string', pattern: '^(AS)?[0-9]{1,10}$' },
                  ],
                },
              },
              /** Exact codes (`404`) or classes (`5xx`). */
              status: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', pattern: '^[1-5]([0-9]{2}|xx|XX)$' },
              },
              sensitive: {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1, maxLength: 64 },
              },
              minCalls: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
    },
  },
} as const;

export type RiskRules = FromSchema<typeof riskRulesSchema>;
export type RiskRule = RiskRules['rules'][number];
