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

export interface AlertsConfig {
  readonly table: string;
  readonly sealer: SecretSealer;
  readonly policy: DestinationPolicy;
  readonly portalUrl: string;
  readonly burst: BurstLimit;
}

export function readAlertsConfig(env: NodeJS.ProcessEnv): AlertsConfig {
  const kmsKey = env[HANDLER_ENV.alertsKmsKey];
  const localKey = env[HANDLER_ENV.alertsLocalKey];
  let sealer: SecretSealer;
  if (kmsKey !== undefined && kmsKey !== '') sealer = kmsSealer(new KMSClient({}), kmsKey);
  else if (localKey !== undefined && localKey !== '') sealer = localSealer(Buffer.from(localKey, 'base64'));
  else
    throw new MissingConfigError(
      `Set ${HANDLER_ENV.alertsKmsKey} (in AWS) or ${HANDLER_ENV.alertsLocalKey} (locally)`,
    );
  const limit = env[HANDLER_ENV.alertsBurstLimit];
  if (limit !== undefined && limit !== '' && !/^\d+$/.test(limit))
    throw new MissingConfigError(`${HANDLER_ENV.alertsBurstLimit}=${limit}: use a whole number`);
  return {
    table: requireEnv(env, HANDLER_ENV.alertsTable),
    sealer,
    policy: env[HANDLER_ENV.alertsAllowLoopback] === 'true' ? LOCAL_DESTINATIONS : AWS_DESTINATIONS,
    portalUrl: requireEnv(env, HANDLER_ENV.portalUrl),
    burst:
      limit === undefined || limit === ''
        ? DEFAULT_BURST_LIMIT
        : { ...DEFAULT_BURST_LIMIT, limit: Number(limit) },
  };
}
