/**
 * The notifier's configuration, read once at cold start: the same variable names in the CDK stack
 * (infra/), the local stack (local/) and the handler (functions/deliver-alerts.ts).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { MissingConfigError, requireEnv } from '#shared/aws/clients';
import { DEFAULT_BURST_LIMIT, type BurstLimit } from './burst-limit.ts';
import { AWS_DESTINATIONS, LOCAL_DESTINATIONS, type DestinationPolicy } from './destination.ts';
import { kmsSealer, localSealer, type SecretSealer } from './secret-sealer.ts';

export const ALERTS_ENV = {
  table: 'ALERTS_TABLE',
  /** AWS: the KMS key integration secrets are sealed with. */
  kmsKey: 'ALERTS_KMS_KEY_ARN',
  /** Local mode: a base64 32-byte AES key instead of KMS. */
  localKey: 'ALERTS_LOCAL_KEY',
  /** `true` in local mode only: plain-http loopback destinations (a developer's receiver, the sink). */
  allowLoopback: 'ALERTS_ALLOW_LOOPBACK',
  /** Where finding links point: `${PORTAL_URL}/findings/<id>`. */
  portalUrl: 'PORTAL_URL',
  /** Individual finding messages per integration per minute before folding into digests. */
  burstLimit: 'ALERTS_BURST_LIMIT',
} as const;

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
