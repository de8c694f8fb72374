import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { ApiCall } from '#events/api-call.schema';
import { parseCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { openRecords } from '#shared/ingest/open-records';
import { createKeyResolver } from '#shared/ingest/registry';
import { issueKey } from '#shared/onboarding/ingest-keys';
import { startIntakeServer, type IntakeServer } from '#local/aws/intake-server';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { drainStream } from '../pipeline/drain-stream.ts';
import { loadIntakeHandler, MASTER, post } from './intake-env.ts';

const { clients, names } = localEnv();
const CUSTOMER = '111122223333';
const STRANGER = '444455556666';
/** Test-only header: the account API Gateway's IAM authorizer would have proven from the SigV4 signature. */
const PROVEN = 'x-test-proven-account';
const checkpoints = new Map<string, string>();
let intake: IntakeServer;

beforeAll(async () => {
  await drainStream(checkpoints);
  // The real handler behind the local server; the wrapper only fills requestContext.identity.accountId
  // as API Gateway does for an IAM-authorized method (the local server cannot check SigV4).
  const handler = await loadIntakeHandler();
  const signed = (event: APIGatewayProxyEvent, context: Context) => {
    const account = event.headers[PROVEN] ?? null;
    const identity = { ...event.requestContext.identity, accountId: account };
    return handler({ ...event, requestContext: { ...event.requestContext, identity } }, context);
  };
  intake = await startIntakeServer({ host: '127.0.0.1', port: 0, handler: signed, region: 'us-east-1' });
});
afterAll(() => intake.stop());

const deps = {
  doc: clients.doc,
  table: names.inventoryTable,
  masterSecret: MASTER,
  now: () => new Date(),
  intakeUrl: 'http://127.0.0.1/v1/logs',
};
const line = (path: string) =>
  `https 2024-05-01T12:00:00.000000Z app/lb/1 203.0.113.9:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "GET https://b.example.com:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "b.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"\n`;

describe('a key bound to an AWS account', () => {
  it('is refused by the intake unless API Gateway authenticated the caller as that account', async () => {
    const tenant = uniqueTenant('bound');
    const issued = await issueKey(deps, { tenant, awsAccount: CUSTOMER });
    const key = issued.key;

    const bearerOnly = await post(intake.url, line('/a'), { key, query: 'format=alb' });
    const stranger = await post(intake.url, line('/b'), {
      query: 'format=alb',
      headers: { 'X-Surveyor-Key': `Bearer ${key}`, [PROVEN]: STRANGER },
    });
    const customer = await post(intake.url, line('/c'), {
      query: 'format=alb',
      headers: { 'X-Surveyor-Key': `Bearer ${key}`, [PROVEN]: CUSTOMER },
    });

    expect(issued.awsAccount).toBe(CUSTOMER);
    expect([bearerOnly.status, stranger.status, customer.status]).toEqual([401, 401, 202]);
    expect(bearerOnly.body).toEqual(stranger.body); // the same answer as a wrong key: no oracle
    const records = await drainStream(checkpoints);
    const opened = await openRecords(
      records,
      createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0),
    );
    expect(opened.rejected).toEqual([]);
    expect(opened.calls.filter((c) => c.tenant === tenant).map((c) => c.call.path)).toEqual(['/c']);
    expect(records.map((r) => r.data.toString('utf8')).join('\n')).toContain(`"senderAccount":"${CUSTOMER}"`);
  });

  it("is refused by the consumer when a record does not name the key's account as its sender", async () => {
    const tenant = uniqueTenant('bound-direct');
    const bound = parseCredential((await issueKey(deps, { tenant, awsAccount: CUSTOMER })).key);
    const unbound = parseCredential((await issueKey(deps, { tenant, source: 'other' })).key);
    const call: ApiCall = {
      source: 'alb',
      time: new Date().toISOString(),
      host: 'd.example.com',
      method: 'GET',
      path: '/x',
      status: 200,
    };
    const seal = (credential: typeof bound, n: number, senderAccount?: string) => ({
      shardId: 'shardId-000000000001',
      sequenceNumber: String(n),
      data: sealEnvelope(
        {
          sentAt: new Date().toISOString(),
          origin: 'direct',
          idempotencyKey: `${tenant}#${n}`,
          calls: [call],
          quarantined: [],
          ...(senderAccount !== undefined && { senderAccount }),
        },
        credential,
      ),
    });

    const opened = await openRecords(
      [seal(bound, 1), seal(bound, 2, STRANGER), seal(bound, 3, CUSTOMER), seal(unbound, 4)],
      createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0),
    );

    expect(opened.rejected.map((r) => r.sequenceNumber)).toEqual(['1', '2']);
    expect(opened.rejected[0]!.reason).toMatch(/bound to an AWS account/);
    expect(opened.calls.map((c) => c.sequenceNumber)).toEqual(['3', '4']);
  });
});
