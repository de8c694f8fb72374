/**
 * AWS SDK clients for handlers, created once per cold start. In AWS they use the defaults; the local
 * runner points them at loopback servers with the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables,
 * so handlers run the same code in both places.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function s3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  // s3rver (local) needs path-style addressing; AWS accepts it too.
  return new S3Client({ forcePathStyle: env.SURVEYOR_S3_FORCE_PATH_STYLE === 'true' });
}

export function kinesisClient(): KinesisClient {
  // HTTP/1.1: kinesalite (local) speaks nothing else, and PutRecords/GetRecords need no HTTP/2.
  return new KinesisClient({ requestHandler: new NodeHttpHandler() });
}

/** A secret's value: from Secrets Manager by ARN in AWS, or the plain variable locally. */
export async function readSecret(env: NodeJS.ProcessEnv, name: string): Promise<string> {
  const arn = env[`${name}_ARN`];
  if (arn !== undefined && arn !== '') {
    const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (result.SecretString === undefined)
      throw new MissingConfigError(`${name}_ARN points to a secret with no string value`);
    return result.SecretString;
  }
  const value = env[name];
  if (value === undefined || value === '')
    throw new MissingConfigError(`Set ${name}_ARN (in AWS) or ${name} (locally)`);
  return value;
}

/** Reads a required variable, failing loudly at cold start when it is missing. */
export function requireEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '')
    throw new MissingConfigError(`Environment variable ${name} is required`);
  return value;
}

/** An optional positive-integer variable, `fallback` when unset; anything else fails at cold start. */
export function positiveIntegerEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new MissingConfigError(`${name} must be a positive integer, got ${text}`);
  return n;
}

export class MissingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingConfigError';
  }
}
