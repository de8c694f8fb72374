import { describe, it, expect } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { parseCredential } from '#shared/ingest/credentials';
import { createKeyResolver } from '#shared/ingest/registry';
import { issueKey, listKeys, revokeKey, UnknownKeyError } from '#shared/onboarding/ingest-keys';
import { tenantScope } from '#shared/tables/keys';
import { localEnv, uniqueTenant } from '../local-env.ts';

const MASTER = 'onboarding-master';
const { clients, names } = localEnv();
const deps = {
  doc: clients.doc,
  table: names.inventoryTable,
  masterSecret: MASTER,
  now: () => new Date('2024-05-01T12:00:00.000Z'),
  intakeUrl: 'https://ingest.surveyor.example/v1/logs',
  forwarder: {
    templateUrl: 'https://artifacts.s3.eu-west-1.amazonaws.com/forwarder/v3/template.json',
    region: 'eu-west-1',
    artifactBucket: 'artifacts',
    artifactKey: 'forwarder/v3/forwarder.zip',
  },
};

describe('ingest keys (local DynamoDB)', () => {
  it('numbers the keys of one source as versions and lists them without secrets', async () => {
    const tenant = uniqueTenant('keys');

    const first = await issueKey(deps, { tenant, source: 'edge-nginx' });
    const second = await issueKey(deps, { tenant, source: 'edge-nginx' });
    const other = await issueKey(deps, { tenant });
    const listed = await listKeys(clients.doc, names.inventoryTable, tenant);

    expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
    expect(listed.map((k) => [k.keyId, k.source, k.version])).toEqual(
      expect.arrayContaining([
        [first.keyId, 'edge-nginx', 1],
        [second.keyId, 'edge-nginx', 2],
        [other.keyId, 'default', 1],
      ]),
    );
    expect(JSON.stringify(listed)).not.toContain(parseCredential(first.key).secret);
  });

  it('stores only a hash of the key: no item anywhere holds the secret', async () => {
    const tenant = uniqueTenant('hash');
    const issued = await issueKey(deps, { tenant });
    const { secret } = parseCredential(issued.key);

    const registry = await clients.doc.send(
      new QueryCommand({
        TableName: names.inventoryTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'REGISTRY#' },
      }),
    );
    const own = await clients.doc.send(
      new QueryCommand({
        TableName: names.inventoryTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': tenantScope(tenant) },
      }),
    );

    const stored = JSON.stringify([registry.Items, own.Items]);
    expect(stored).toContain(issued.keyId);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(issued.key);
  });

  it('returns the quick-create link (without the key) and shipper snippets carrying the key', async () => {
    const issued = await issueKey(deps, {
      tenant: uniqueTenant('link'),
      format: 'nginx',
      host: 'api.acme.example',
    });

    expect(issued.quickCreateUrl).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\//);
    expect(issued.quickCreateUrl).not.toContain(parseCredential(issued.key).secret);
    expect(decodeURIComponent(issued.quickCreateUrl!)).toContain(
      // The IAM route: the forwarders sign with their role, so the key may be bound to the account.
      'param_IntakeUrl=https://ingest.surveyor.example/v1/aws/logs',
    );
    expect(issued.snippets.fluentBit).toContain(`Header            Authorization Bearer ${issued.key}`);
    expect(issued.snippets.fluentBit).toContain(
      'URI               /v1/logs?format=nginx&host=api.acme.example&log_key=log',
    );
    expect(issued.snippets.vector).toContain(`auth.token = "${issued.key}"`);
    expect(issued.snippets.vector).toContain(
      'uri = "https://ingest.surveyor.example/v1/logs?format=nginx&host=api.acme.example"',
    );
  });

  it("revokes a tenant's own key for the consumer, and refuses to revoke another tenant's key", async () => {
    const owner = uniqueTenant('owner');
    const intruder = uniqueTenant('intruder');
    const issued = await issueKey(deps, { tenant: owner });

    await expect(revokeKey(deps, intruder, issued.keyId)).rejects.toThrow(UnknownKeyError);
    expect(await createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0)(issued.keyId)).toMatchObject(
      {
        tenant: owner,
      },
    );
    await revokeKey(deps, owner, issued.keyId);

    expect(
      await createKeyResolver(clients.doc, names.inventoryTable, MASTER, 0)(issued.keyId),
    ).toBeUndefined();
    const [listed] = await listKeys(clients.doc, names.inventoryTable, owner);
    expect(listed).toMatchObject({ keyId: issued.keyId, revokedAt: '2024-05-01T12:00:00.000Z' });
  });
});
