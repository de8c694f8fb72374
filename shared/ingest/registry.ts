/**
 * The ingest-key registry: which tenant each forwarder key belongs to. It lives in its own partition
 * (`REGISTRY#`), which only onboarding and the consumer read. A revoked key is marked, not deleted,
 * so its history stays.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { registryKeys } from '#shared/tables/keys';
import { deriveSecret, issueIngestKey, type IngestCredential } from './credentials.ts';
import type { KeyResolver } from './open-records.ts';

export async function registerIngestKey(
  doc: DynamoDBDocumentClient,
  table: string,
  keyId: string,
  tenant: string,
  now: Date,
): Promise<void> {
  await doc.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: registryKeys.partition,
        sk: registryKeys.ingestKey(keyId),
        tenant,
        createdAt: now.toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function revokeIngestKey(
  doc: DynamoDBDocumentClient,
  table: string,
  keyId: string,
  now: Date,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: registryKeys.partition, sk: registryKeys.ingestKey(keyId) },
      UpdateExpression: 'SET revokedAt = :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    }),
  );
}

/** Issues a key for `tenant` and records it: the credential to give the tenant's forwarder. */
export async function onboardTenant(
  deps: { doc: DynamoDBDocumentClient; table: string; masterSecret: string; now: () => Date },
  tenant: string,
): Promise<IngestCredential> {
  const credential = issueIngestKey(deps.masterSecret);
  await registerIngestKey(deps.doc, deps.table, credential.keyId, tenant, deps.now());
  return credential;
}

/** Key id -> tenant and secret, cached for `ttlMs` (revocation takes effect within that time). */
export function createKeyResolver(
  doc: DynamoDBDocumentClient,
  table: string,
  masterSecret: string,
  ttlMs = 60_000,
): KeyResolver {
  const cache = new Map<string, { at: number; entry: { tenant: string; secret: string } | undefined }>();
  return async (keyId) => {
    const hit = cache.get(keyId);
    if (hit !== undefined && Date.now() - hit.at < ttlMs) return hit.entry;
    const result = await doc.send(
      new GetCommand({
        TableName: table,
        Key: { pk: registryKeys.partition, sk: registryKeys.ingestKey(keyId) },
      }),
    );
    const item = result.Item;
    const entry =
      item === undefined || item.revokedAt !== undefined
        ? undefined
        : { tenant: item.tenant as string, secret: deriveSecret(masterSecret, keyId) };
    cache.set(keyId, { at: Date.now(), entry });
    return entry;
  };
}

/** Every tenant that was ever issued an ingest key, sorted: the tenants that can have an inventory. */
export async function listTenants(doc: DynamoDBDocumentClient, table: string): Promise<string[]> {
  const tenants = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': registryKeys.partition, ':prefix': registryKeys.ingestKey('') },
        ProjectionExpression: 'tenant',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) tenants.add(item.tenant as string);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return [...tenants].sort();
}
