/** Runs functions/intake-logs.ts behind the local intake server against the integration servers. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { consumeRecords } from '#shared/ingest/consume';
import { createKeyResolver } from '#shared/ingest/registry';
import { issueKey } from '#shared/onboarding/ingest-keys';
import { startIntakeServer, type IntakeServer } from '#local/aws/intake-server';
import type { LambdaHandler } from '#local/aws/invoke';
import type { LocalAwsPrincipal } from '#local/aws/sigv4-verifier';
import { localEnv } from '../local-env.ts';
import { drainStream } from '../pipeline/drain-stream.ts';
import { bucketQuarantine } from '../quarantine-bucket.ts';

export const MASTER = 'intake-master-secret';
const { clients, names, endpoints } = localEnv();

/** Imports the handler with the environment the CDK stack gives it. */
export async function loadIntakeHandler(): Promise<
  LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>
> {
  Object.assign(process.env, {
    INVENTORY_TABLE: names.inventoryTable,
    INGEST_STREAM_NAME: names.stream,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const { handler } = (await import('#functions/intake-logs')) as unknown as {
    handler: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  };
  return handler;
}

/** The handler served on a free port by the local intake server (its IAM route knows `awsPrincipals`). */
export async function startTestIntake(awsPrincipals?: readonly LocalAwsPrincipal[]): Promise<IntakeServer> {
  return startIntakeServer({
    host: '127.0.0.1',
    port: 0,
    handler: await loadIntakeHandler(),
    region: 'us-east-1',
    ...(awsPrincipals !== undefined && { awsPrincipals }),
  });
}

/** A fresh key for `tenant` (and its source, its AWS account), as `surveyor keys create` issues it. */
export async function newKey(tenant: string, source?: string, awsAccount?: string): Promise<string> {
  const issued = await issueKey(
    {
      doc: clients.doc,
      table: names.inventoryTable,
      masterSecret: MASTER,
      now: () => new Date(),
      intakeUrl: 'http://127.0.0.1/v1/logs',
    },
    { tenant, source, awsAccount },
  );
  return issued.key;
}

/** Runs the consumer over everything new on the stream; returns its stats. */
export async function consumeNew(checkpoints: Map<string, string>) {
  const records = await drainStream(checkpoints);
  const result = await consumeRecords(records, {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0),
    quarantine: bucketQuarantine(),
    now: () => new Date(),
  });
  return result.stats;
}

/** `post(url, body, { key, query: 'format=alb', headers })` */
export async function post(
  url: string,
  body: string | Buffer,
  options: { key?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}${options.query === undefined ? '' : `?${options.query}`}`, {
    method: 'POST',
    headers: {
      ...(options.key !== undefined && { Authorization: `Bearer ${options.key}` }),
      ...options.headers,
    },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
