/**
 * The notifier's configuration, read once at cold start: the same variable names in the CDK stack
 * (infra/), the local stack (local/) and the handler (functions/deliver-alerts.ts).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { MissingConfigError, requireEnv } from '#shared/aws/clients';
import { DEFAULT_BURST_LIMIT, type BurstLimit } from './burst-limit.ts';
import { AWS_DESTINATIONS, LOCAL_DESTINATIONS, type DestinationPolicy } from './destination.ts';
import { kmsSealer, localSealer, type SecretSealer } from './secret-sealer.ts';

/** The notifier's variable names (defined in shared/resources/handler-env.ts). */
export const ALERTS_ENV = {
  table: HANDLER_ENV.alertsTable,
  kmsKey: HANDLER_ENV.alertsKmsKey,
  localKey: HANDLER_ENV.alertsLocalKey,
  allowLoopback: HANDLER_ENV.alertsAllowLoopback,
  portalUrl: HANDLER_ENV.portalUrl,
  burstLimit: HANDLER_ENV.alertsBurstLimit,
} as const;

/** Stream records per notifier invocation: a storm arrives in few batches, so it folds into few digests. */
export const NOTIFIER_BATCH_SIZE = 1000;
/** How long the event source gathers records before invoking (a storm's first second is one batch). */
export const NOTIFIER_BATCHING_WINDOW_MS = 1000;

export interface AlertsConfig {
  readonly table: string;
  readonly sealer: SecretSealer;
  readonly policy: DestinationPolicy;
  readonly portalUrl: string;
  readonly burst: BurstLimit;
}

export function readAlertsConfig(env: NodeJS.ProcessEnv): AlertsConfig {
  const kmsKey = env[ALERTS_ENV.kmsKey];
  const localKey = env[ALERTS_ENV.localKey];
  let sealer: SecretSealer;
  if (kmsKey !== undefined && kmsKey !== '') sealer = kmsSealer(new KMSClient({}), kmsKey);
  else if (localKey !== undefined && localKey !== '') sealer = localSealer(Buffer.from(localKey, 'base64'));
  else throw new MissingConfigError(`Set ${ALERTS_ENV.kmsKey} (in AWS) or ${ALERTS_ENV.localKey} (locally)`);
  const limit = env[ALERTS_ENV.burstLimit];
  if (limit !== undefined && limit !== '' && !/^\d+$/.test(limit))
    throw new MissingConfigError(`${ALERTS_ENV.burstLimit}=${limit}: use a whole number`);
  return {
    table: requireEnv(env, ALERTS_ENV.table),
    sealer,
    policy: env[ALERTS_ENV.allowLoopback] === 'true' ? LOCAL_DESTINATIONS : AWS_DESTINATIONS,
    portalUrl: requireEnv(env, ALERTS_ENV.portalUrl),
    burst:
      limit === undefined || limit === ''
        ? DEFAULT_BURST_LIMIT
        : { ...DEFAULT_BURST_LIMIT, limit: Number(limit) },
  };
}
