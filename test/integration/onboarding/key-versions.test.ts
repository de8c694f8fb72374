import { describe, it, expect } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import { deriveSecret, parseCredential, type IngestCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { openRecords } from '#shared/ingest/open-records';
import { createKeyResolver } from '#shared/ingest/registry';
import { issueKey, listKeys, revokeKey, rotateKeys } from '#shared/onboarding/ingest-keys';
import { localEnv, uniqueTenant } from '../local-env.ts';

const { clients, names } = localEnv();
const OLD = 'master-secret-version-one-0123456789';
const NEW = 'master-secret-version-two-9876543210';
const BOTH = JSON.stringify({ current: 2, versions: { '1': OLD, '2': NEW } });
const ONLY_NEW = JSON.stringify({ current: 2, versions: { '2': NEW } });

const depsWith = (masterSecret: string) => ({
  doc: clients.doc,
  table: names.inventoryTable,
  masterSecret,
  now: () => new Date(),
  intakeUrl: 'https://ingest.surveyor.example/v1/logs',
});

let sequence = 0;
function record(credential: IngestCredential, path: string) {
  const call: ApiCall = {
    source: 'alb',
    time: new Date().toISOString(),
    host: 'h.example.com',
    method: 'GET',
    path,
    status: 200,
  };
  return {
    shardId: 'shardId-000000000001',
    sequenceNumber: String(++sequence),
    data: sealEnvelope(
      {
        sentAt: new Date().toISOString(),
        origin: 'test',
        idempotencyKey: `${path}#${sequence}`,
        calls: [call],
        quarantined: [],
      },
      credential,
    ),
  };
}

/** What the consumer makes of one record per credential: the tenant it was filed under, or `rejected`. */
async function attributions(masterSecret: string, credentials: IngestCredential[]): Promise<string[]> {
  const resolver = createKeyResolver(clients.doc, names.inventoryTable, masterSecret, 0);
  const records = credentials.map((c, i) => record(c, `/r/${i}`));
  const opened = await openRecords(records, resolver);
  return records.map(
    (r) => opened.calls.find((c) => c.sequenceNumber === r.sequenceNumber)?.tenant ?? 'rejected',
  );
}

describe('ingest keys carry their master secret version (local DynamoDB)', () => {
  it('rotates the master secret tenant by tenant: old keys verify until revoked and their version retired', async () => {
    const [rotating, waiting] = [uniqueTenant('rotating'), uniqueTenant('waiting')];
    const oldKey = parseCredential((await issueKey(depsWith(OLD), { tenant: rotating, source: 'edge' })).key);
    const waitingKey = parseCredential((await issueKey(depsWith(OLD), { tenant: waiting })).key);

    // The keyring gains version 2: keys issued under version 1 keep verifying.
    expect(await attributions(BOTH, [oldKey, waitingKey])).toEqual([rotating, waiting]);

    const rotated = await rotateKeys(depsWith(BOTH), rotating);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).toMatchObject({
      replaces: oldKey.keyId,
      issued: { source: 'edge', masterVersion: 2, version: 2 },
    });
    const newKey = parseCredential(rotated[0]!.issued.key);
    // Rotating again finds nothing older; the other tenant is untouched.
    expect(await rotateKeys(depsWith(BOTH), rotating)).toEqual([]);
    expect((await listKeys(clients.doc, names.inventoryTable, waiting)).map((k) => k.masterVersion)).toEqual([
      1,
    ]);
    expect(await attributions(BOTH, [oldKey, newKey, waitingKey])).toEqual([rotating, rotating, waiting]);

    // The tenant deploys the new key and revokes the old one; the version-1 secret cannot sign a version-2 key.
    await revokeKey(depsWith(BOTH), rotating, oldKey.keyId);
    const forged = {
      keyId: newKey.keyId,
      secret: parseCredential(rotated[0]!.issued.key).secret.replace(/^./, 'x'),
    };
    expect(await attributions(BOTH, [oldKey, newKey, forged])).toEqual(['rejected', rotating, 'rejected']);

    // Once every tenant is rotated, version 1 leaves the keyring: keys still on it stop verifying.
    expect(await attributions(ONLY_NEW, [newKey, waitingKey])).toEqual([rotating, 'rejected']);
  });

  it('derives a different secret for the same key id under each master version', async () => {
    const tenant = uniqueTenant('derive');
    const issued = await issueKey(depsWith(BOTH), { tenant });
    const { secret } = parseCredential(issued.key);
    const underV1 = {
      keyId: issued.keyId,
      secret: deriveSecret(NEW, issued.keyId, 1),
    };

    expect(issued.masterVersion).toBe(2);
    expect(underV1.secret).not.toBe(secret);
    expect(await attributions(BOTH, [underV1])).toEqual(['rejected']);
  });
});
