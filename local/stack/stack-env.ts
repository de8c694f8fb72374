/**
 * The environment the handlers read at cold start, pointed at the local servers: the same variables
 * the CDK stacks set in AWS, plus the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` overrides.
 */
import { HANDLER_ENV } from '#shared/resources/handler-env';
import type { LocalAwsPrincipal } from '#local/aws/sigv4-verifier';
import type { LocalEndpoints } from './servers.ts';
import type { ResourceNames } from './resource-names.ts';

/** The local stack's one AWS account: the handlers' credentials below belong to it. */
export const LOCAL_ACCOUNT = '000000000000';
const HANDLER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Who the local intake's IAM route knows: a forwarder signing with the handlers' credentials. */
export const LOCAL_AWS_PRINCIPALS: readonly LocalAwsPrincipal[] = [
  { ...HANDLER_CREDENTIALS, accountId: LOCAL_ACCOUNT },
];

export function handlerEnvironment(
  endpoints: LocalEndpoints,
  names: ResourceNames,
  region: string,
  masterSecret: string,
  /** The notifier's key and links; without it the notifier is not configured (its cold start says so). */
  alerts?: { localKey: string; portalUrl: string },
): Record<string, string> {
  return {
    AWS_REGION: region,
    // s3rver checks signatures made with these; DynamoDB Local and kinesalite accept any.
    AWS_ACCESS_KEY_ID: HANDLER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: HANDLER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    SURVEYOR_S3_FORCE_PATH_STYLE: 'true',
    [HANDLER_ENV.inventoryTable]: names.inventoryTable,
    [HANDLER_ENV.findingsTable]: names.findingsTable,
    [HANDLER_ENV.quarantineBucket]: names.quarantineBucket,
    [HANDLER_ENV.masterSecret]: masterSecret,
    [HANDLER_ENV.ingestStreamName]: names.stream,
    [HANDLER_ENV.alertsTable]: names.alertsTable,
    [HANDLER_ENV.alertsAllowLoopback]: 'true',
    ...(alerts !== undefined && {
      [HANDLER_ENV.alertsLocalKey]: alerts.localKey,
      [HANDLER_ENV.portalUrl]: alerts.portalUrl,
    }),
    ...(process.env[HANDLER_ENV.alertsBurstLimit] && {
      [HANDLER_ENV.alertsBurstLimit]: process.env[HANDLER_ENV.alertsBurstLimit],
    }),
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
}
