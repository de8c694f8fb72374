import type { FromSchema } from 'json-schema-to-ts';

const tenant = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;
const keyId = { type: 'string', pattern: '^ik_[A-Za-z0-9_-]{1,64}$' } as const;

/**
 * What the onboarding function (functions/manage-ingest-keys.ts) is asked to do: issue a key for a
 * tenant's source, list the tenant's keys, revoke one, replace one (rotate-key: a new key for its
 * source, the old one revoked), or rotate the tenant's keys to the current master secret version. The caller (portal, CLI) has already
 * resolved the tenant from the signed-in user; the function never trusts a tenant for anything else.
 */
export const ingestKeyRequestSchema = {
  $id: 'https://surveyor.dev/schemas/ingest-key-request.json',
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'tenant'],
      properties: {
        action: { const: 'create' },
        tenant,
        source: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,62}$' },
        /** For the snippets only. */
        format: { type: 'string', maxLength: 32 },
        host: { type: 'string', maxLength: 255 },
        path: { type: 'string', maxLength: 1024 },
        /** Binds the key to the customer's AWS account: the intake then requires that signed caller. */
        awsAccount: { type: 'string', pattern: '^[0-9]{12}$' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'tenant'],
      /** Issues a replacement for each active key derived from an older master secret version. */
      properties: { action: { const: 'rotate' }, tenant },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'tenant'],
      properties: { action: { const: 'list' }, tenant },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'tenant', 'keyId'],
      properties: { action: { enum: ['revoke', 'rotate-key'] }, tenant, keyId },
    },
  ],
} as const;

export type IngestKeyRequest = FromSchema<typeof ingestKeyRequestSchema>;
