import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import { parseCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { awsIntakeSigner } from '#shared/ingest/forward/intake-signing';
import { IntakeRefusedError, postToIntake } from '#shared/ingest/forward/post-to-intake';
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
// Principals the local IAM route knows, as AWS knows the customer's role and anyone else's.
const customerRole = { accessKeyId: 'AKIACUSTOMERROLE0001', secretAccessKey: 'customer-role-secret' };
const strangerRole = { accessKeyId: 'AKIASTRANGERROLE0001', secretAccessKey: 'stranger-role-secret' };
const checkpoints = new Map<string, string>();
let intake: IntakeServer;

beforeAll(async () => {
  await drainStream(checkpoints);
  intake = await startIntakeServer({
    host: '127.0.0.1',
    port: 0,
    handler: await loadIntakeHandler(),
    region: 'us-east-1',
    awsPrincipals: [
      { ...customerRole, accountId: CUSTOMER },
      { ...strangerRole, accountId: STRANGER },
    ],
  });
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
  `https 2024-05-01T12:00:00.000000Z app/lb/1 203.0.113.9:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "GET https://b.example.com:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "b.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
async function* batchOf(...lines: string[]) {
  yield lines;
}

describe('a key bound to an AWS account', () => {
  it('is accepted by the intake only from a caller AWS signed in as that account', async () => {
    const tenant = uniqueTenant('bound');
    const issued = await issueKey(deps, { tenant, awsAccount: CUSTOMER });
    const key = issued.key;
    // The forwarders' own code path: SigV4 with the caller's credentials, the key in X-Surveyor-Key.
    const signedAs = (role: typeof customerRole, path: string) =>
      postToIntake(batchOf(line(path)), { format: 'alb' }, `${tenant}${path}`, {
        intakeUrl: intake.signedUrl,
        key,
        sign: awsIntakeSigner('us-east-1', role),
        maxAttempts: 1,
      });

    const bearerOnly = await post(intake.url, line('/a'), { key, query: 'format=alb' });
    const unsignedOnIamRoute = await post(intake.signedUrl, line('/b'), {
      query: 'format=alb',
      headers: { 'X-Surveyor-Key': `Bearer ${key}` },
    });
    const stranger = signedAs(strangerRole, '/c');
    const customer = await signedAs(customerRole, '/d');

    expect(issued.awsAccount).toBe(CUSTOMER);
    expect(bearerOnly.status).toBe(401);
    expect(unsignedOnIamRoute).toMatchObject({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    // The same 401 as a wrong key: no oracle.
    await expect(stranger).rejects.toThrow(IntakeRefusedError);
    await expect(stranger).rejects.toThrow(`401 ${JSON.stringify(bearerOnly.body)}`);
    expect(customer).toMatchObject({ lines: 1, calls: 1, quarantined: 0 });
    const records = await drainStream(checkpoints);
    const opened = await openRecords(
      records,
      createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0),
    );
    expect(opened.rejected).toEqual([]);
    expect(opened.calls.filter((c) => c.tenant === tenant).map((c) => c.call.path)).toEqual(['/d']);
    expect(records.map((r) => r.data.toString('utf8')).join('\n')).toContain(`"senderAccount":"${CUSTOMER}"`);
  });

  it("unbound keys work on the IAM route too, with the signer's account recorded", async () => {
    const tenant = uniqueTenant('unbound-signed');
    const { key } = await issueKey(deps, { tenant });

    const counts = await postToIntake(batchOf(line('/e')), { format: 'alb' }, tenant, {
      intakeUrl: intake.signedUrl,
      key,
      sign: awsIntakeSigner('us-east-1', strangerRole),
      maxAttempts: 1,
    });

    expect(counts).toMatchObject({ calls: 1 });
    const text = (await drainStream(checkpoints)).map((r) => r.data.toString('utf8')).join('\n');
    expect(text).toContain(`"senderAccount":"${STRANGER}"`);
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
