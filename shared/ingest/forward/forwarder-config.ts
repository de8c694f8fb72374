/**
 * Forwarder configuration, read once at cold start. With `INTAKE_URL` (the forwarder template's
 * way) the forwarders post to the intake with the tenant's ingest key (`INGEST_KEY`), signed with
 * their AWS credentials when the URL is the IAM route (`/v1/aws/logs`); otherwise they
 * put signed records on the stream themselves (the local stack, and the optional cross-account
 * IngestRole setup), with the credential and, in a customer account, the role to assume.
 */
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { parseCredential, type IngestCredential } from '#shared/ingest/credentials';
import { readSecret, requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { awsIntakeSigner, intakeRegion, isSignedIntakeUrl } from './intake-signing.ts';
import type { IntakeDelivery } from './post-to-intake.ts';
import type { ForwarderDeps } from './ship-log.ts';

export async function forwarderDeps(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ForwarderDeps | IntakeDelivery> {
  const intakeUrl = env[HANDLER_ENV.intakeUrl];
  if (intakeUrl !== undefined && intakeUrl !== '') {
    const key = (await readSecret(env, HANDLER_ENV.ingestKey)).trim();
    if (!isSignedIntakeUrl(intakeUrl)) return { intakeUrl, key };
    // The IAM route: signed with the function's own role, so a key bound to this account works.
    const region = intakeRegion(intakeUrl, env.AWS_REGION);
    return { intakeUrl, key, sign: awsIntakeSigner(region, fromNodeProviderChain()) };
  }
  const roleArn = env[HANDLER_ENV.ingestRoleArn];
  const kinesis = new KinesisClient({
    requestHandler: new NodeHttpHandler(),
    // The stream lives in Surveyor's account; the customer's forwarder writes through a role that
    // trusts its account with the tenant's external id.
    ...(roleArn
      ? {
          credentials: fromTemporaryCredentials({
            params: {
              RoleArn: roleArn,
              RoleSessionName: 'surveyor-forwarder',
              ExternalId: env[HANDLER_ENV.ingestExternalId],
            },
          }),
        }
      : {}),
  });
  return {
    kinesis,
    streamName: requireEnv(env, HANDLER_ENV.ingestStreamName),
    credential: await credentialFrom(env),
    now: () => new Date(),
  };
}

/** `INGEST_KEY_ID` + the secret (the CloudFormation template's form), or one `keyId:secret` value. */
async function credentialFrom(env: NodeJS.ProcessEnv): Promise<IngestCredential> {
  const value = (await readSecret(env, HANDLER_ENV.ingestCredential)).trim();
  const keyId = env[HANDLER_ENV.ingestKeyId];
  return keyId && !value.includes(':') ? { keyId, secret: value } : parseCredential(value);
}
