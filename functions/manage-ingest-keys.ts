/**
 * Onboarding: issue, list, revoke and rotate a tenant's ingest keys (invoked by the portal's
 * onboarding page through shared/onboarding/manage-ingest-keys.ts).
 * It is the only function that reads the master secret besides the consumer, and the only one that
 * writes the key registry. Thin: shared/onboarding/ingest-keys.ts does the work.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { IngestKeyRequest } from '#events/ingest-key-request.schema';
import { describeErrors, validateIngestKeyRequest } from '#events/validate';
import {
  issueKey,
  listKeys,
  revokeKey,
  rotateKey,
  rotateKeys,
  UnknownKeyError,
  type OnboardingDeps,
} from '#shared/onboarding/ingest-keys';
import type { ManageKeysResult } from '#shared/onboarding/manage-ingest-keys';
import { onboardingEnvironment } from '#shared/onboarding/onboarding-env';
import { documentClient, readSecret, requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const logger = new Logger({ serviceName: 'manage-ingest-keys' });

const doc = documentClient();
const deps: OnboardingDeps = {
  doc,
  table: requireEnv(process.env, HANDLER_ENV.inventoryTable),
  masterSecret: await readSecret(process.env, HANDLER_ENV.masterSecret),
  now: () => new Date(),
  ...onboardingEnvironment(process.env),
};

async function manage(event: unknown): Promise<ManageKeysResult> {
  if (!validateIngestKeyRequest(event))
    return {
      ok: false,
      code: 'invalid-request',
      error: `invalid request: ${describeErrors(validateIngestKeyRequest)}`,
    };
  try {
    return await act(event);
  } catch (error) {
    if (error instanceof UnknownKeyError) return { ok: false, code: 'unknown-key', error: error.message };
    throw error;
  }
}

async function act(event: IngestKeyRequest): Promise<ManageKeysResult> {
  switch (event.action) {
    case 'create': {
      const issued = await issueKey(deps, event);
      // Never log the key itself: its id is what operators need.
      logger.info('ingest key issued', {
        tenant: issued.tenant,
        keyId: issued.keyId,
        version: issued.version,
      });
      return { ok: true, issued };
    }
    case 'rotate': {
      const rotated = await rotateKeys(deps, event.tenant);
      logger.info('ingest keys rotated to the current master version', {
        tenant: event.tenant,
        replaced: rotated.map((r) => ({ old: r.replaces, new: r.issued.keyId })),
      });
      return { ok: true, rotated };
    }
    case 'list':
      return { ok: true, keys: await listKeys(doc, deps.table, event.tenant) };
    case 'rotate-key': {
      const issued = await rotateKey(deps, { tenant: event.tenant, keyId: event.keyId });
      logger.info('ingest key replaced', { tenant: event.tenant, old: event.keyId, new: issued.keyId });
      return { ok: true, issued };
    }
    case 'revoke':
      await revokeKey(deps, event.tenant, event.keyId);
      logger.info('ingest key revoked', { tenant: event.tenant, keyId: event.keyId });
      return { ok: true };
  }
}

export const handler = middy(manage).use(injectLambdaContext(logger));
