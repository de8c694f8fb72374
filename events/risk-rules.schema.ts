/**
 * The tenant's risk-rules document: custom categories (`custom:<id>` findings) and tenant settings
 * (expected countries/ASNs, internal CIDRs, environment tokens). Validated on upload and on load.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { AUTH_SCHEMES } from './api-call.schema.ts';

const stringOrList = (item: { type: 'string'; minLength: 1; maxLength: number }) =>
  ({ anyOf: [item, { type: 'array', items: item, minItems: 1, maxItems: 50 }] }) as const;

const asn = {
  anyOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^(AS)?[0-9]{1,10}$' },
  ],
} as const;

/**
 * A tenant's custom risk categories and the settings the built-in ones use. Every criterion in `match` must hold for an endpoint to match;
 * list criteria hold when the endpoint shows any listed value. Globs use picomatch syntax
 * (`*.example.com`, `/billing/**`) and compare case-insensitively, like the inventory.
 */
export const riskRulesSchema = {
  $id: 'https://surveyor.dev/schemas/risk-rules.json',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    /** What the built-in categories judge against: the tenant's expected callers, networks, names. */
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** ISO 3166 alpha-2 codes callers are expected from; `unusual-geography` flags the others. */
        expectedCountries: { type: 'array', maxItems: 250, items: { type: 'string', pattern: '^[A-Z]{2}$' } },
        /** Caller networks expected (`16509` or `AS16509`). */
        expectedAsns: { type: 'array', maxItems: 1000, items: asn },
        /** The tenant's own networks: callers from them count as internal. */
        internalCidrs: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'string', minLength: 2, maxLength: 64 },
        },
        /** Extra host-name tokens that mean non-production (`blue`, `canary`). */
        nonProductionTokens: {
          type: 'array',
          maxItems: 100,
          items: { type: 'string', pattern: '^[a-z0-9]{1,32}$' },
        },
        /** Built-in tokens this tenant uses for production names (`demo` for a company called Demo). */
        productionTokens: {
          type: 'array',
          maxItems: 100,
          items: { type: 'string', pattern: '^[a-z0-9]{1,32}$' },
        },
      },
    },
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
              asns: { type: 'array', minItems: 1, items: asn },
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
export type TenantSettings = NonNullable<RiskRules['settings']>;
