/**
 * The portal in AWS holds no master secret: its onboarding page asks the onboarding function. Here the
 * portal's key service talks to the real handler (functions/manage-ingest-keys.ts) on DynamoDB Local,
 * with the request and answer serialised as Lambda Invoke would.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Context } from 'aws-lambda';
import type { IngestKeyRequest } from '#events/ingest-key-request.schema';
import { lambdaContext } from '#local/aws/lambda-context';
import { parseCredential } from '#shared/ingest/credentials';
import { createKeyResolver } from '#shared/ingest/registry';
import { UnknownKeyError } from '#shared/onboarding/ingest-keys';
import {
  OnboardingRequestError,
  type InvokeOnboarding,
  type ManageKeysResult,
} from '#shared/onboarding/manage-ingest-keys';
import { tenantIngestKeys } from '#shared/portal/tenant-ingest-keys';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { authenticatedTenant } from '#shared/tenancy/tenant-data';
import { localEnv, uniqueTenant } from '../local-env.ts';

const MASTER = 'remote-onboarding-master';
const INTAKE = 'https://ingest.surveyor.example/v1/logs';
const { clients, names, endpoints } = localEnv();
let handler: (event: unknown, context: Context) => Promise<ManageKeysResult>;
const requests: IngestKeyRequest[] = [];

// What Lambda Invoke does to the request and the answer: JSON both ways, nothing else shared.
const invoke: InvokeOnboarding = async (request) => {
  requests.push(request);
  const answer = await handler(
    JSON.parse(JSON.stringify(request)),
    lambdaContext({ functionName: 'manage-ingest-keys', region: 'us-east-1', timeoutMs: 10_000 }),
  );
  return JSON.parse(JSON.stringify(answer)) as ManageKeysResult;
};

const keysOf = (tenant: string) =>
  tenantIngestKeys(authenticatedTenant(tenant, 'owner@example.com'), {
    doc: clients.doc,
    table: names.inventoryTable,
    now: () => new Date(),
    onboarding: undefined,
    invoke,
  });
const resolve = (keyId: string) => createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0)(keyId);

beforeAll(async () => {
  Object.assign(process.env, {
    [HANDLER_ENV.inventoryTable]: names.inventoryTable,
    [HANDLER_ENV.masterSecret]: MASTER,
    [HANDLER_ENV.intakeUrl]: INTAKE,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('#functions/manage-ingest-keys')) as unknown as { handler: typeof handler });
});

describe("the portal's ingest keys through the onboarding function", () => {
  it('issues a key the registry resolves to the tenant, shown once and listed without its secret', async () => {
    const tenant = uniqueTenant('remote-issue');

    const issued = await keysOf(tenant).issue({ source: 'edge-nginx', format: 'nginx' });
    const listed = await keysOf(tenant).list();

    expect(issued).toMatchObject({ tenant, source: 'edge-nginx', version: 1, intakeUrl: INTAKE });
    expect(await resolve(issued.keyId)).toMatchObject({ tenant });
    expect(listed.map((k) => k.keyId)).toEqual([issued.keyId]);
    expect(JSON.stringify(listed)).not.toContain(parseCredential(issued.key).secret);
    expect(requests.at(-2)).toEqual({ action: 'create', tenant, source: 'edge-nginx', format: 'nginx' });
  });

  it('rotates one key: the new one resolves, the old one stops at once', async () => {
    const tenant = uniqueTenant('remote-rotate');
    const keys = keysOf(tenant);
    const old = await keys.issue({ source: 'alb-logs' });

    const rotated = await keys.rotate(old.keyId);

    expect(rotated).toMatchObject({ tenant, source: 'alb-logs', version: 2, revokedKeyId: old.keyId });
    expect(await resolve(rotated.keyId)).toMatchObject({ tenant });
    expect(await resolve(old.keyId)).toBeUndefined();
    expect((await keys.list()).find((k) => k.keyId === old.keyId)?.revokedAt).toEqual(expect.any(String));
  });

  it("answers another tenant's key as unknown, for revoke and rotate alike, and leaves it working", async () => {
    const owner = uniqueTenant('remote-owner');
    const intruder = keysOf(uniqueTenant('remote-intruder'));
    const issued = await keysOf(owner).issue({});

    await expect(intruder.revoke(issued.keyId)).rejects.toThrow(UnknownKeyError);
    await expect(intruder.rotate(issued.keyId)).rejects.toThrow(UnknownKeyError);
    expect(await resolve(issued.keyId)).toMatchObject({ tenant: owner });

    await keysOf(owner).revoke(issued.keyId);
    expect(await resolve(issued.keyId)).toBeUndefined();
  });

  it('turns a request the function refuses into an error that says so', async () => {
    const keys = keysOf(uniqueTenant('remote-refused'));

    await expect(keys.issue({ source: 'Not A Source!' })).rejects.toThrow(OnboardingRequestError);
    await expect(keys.revoke('not-a-key-id')).rejects.toThrow(/invalid request/);
  });
});
