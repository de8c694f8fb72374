/**
 * The ingest-key registry: which tenant each key belongs to. It lives in its own partition
 * (`REGISTRY#`), which only onboarding, the intake and the consumer read; each key also has an item
 * in its tenant's partition (no secret material) so a tenant's keys list without reading the
 * registry. A revoked key is marked, not deleted, so its history stays. Secrets are never stored:
 * the consumer derives them from the master secret, the intake compares their SHA-256.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { inventoryKeys, registryKeys, tenantScope } from '#shared/tables/keys';
import { deriveSecret, issueIngestKey, secretHash, type IngestCredential } from './credentials.ts';
import { masterKeyring } from './master-keyring.ts';
import type { KeyEntry, KeyResolver } from './open-records.ts';

/** One source per shipper or forwarder (`edge-nginx`, `aws-forwarder`); `default` when unnamed. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const DEFAULT_SOURCE = 'default';

export interface RegisteredKey {
  readonly keyId: string;
  readonly tenant: string;
  readonly source: string;
  /** 1 for a source's first key, then one more per key issued for it (rotation). */
  readonly version: number;
  /** The master secret version its secret derives from (master rotation, tenant by tenant). */
  readonly masterVersion: number;
  /** When set, only senders authenticated as this AWS account may use the key (see SECURITY.md). */
  readonly awsAccount?: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
  /** The key issued to replace it in a master rotation (it works until revoked). */
  readonly rotatedTo?: string;
}

/** A 12-digit AWS account id. */
export const AWS_ACCOUNT = /^[0-9]{12}$/;

export interface KeyBinding {
  readonly awsAccount?: string | undefined;
}

/** Records a new key for `tenant` and `source`; returns its registry entry (with its version). */
export async function registerIngestKey(
  doc: DynamoDBDocumentClient,
  table: string,
  credential: IngestCredential,
  tenant: string,
  now: Date,
  source: string = DEFAULT_SOURCE,
  binding: KeyBinding = {},
): Promise<RegisteredKey> {
  if (!SOURCE_NAME.test(source)) throw new InvalidSourceError(source);
  if (binding.awsAccount !== undefined && !AWS_ACCOUNT.test(binding.awsAccount))
    throw new InvalidAwsAccountError(binding.awsAccount);
  const partition = tenantScope(tenant);
  const counter = await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: partition, sk: inventoryKeys.keySource(source) },
      UpdateExpression: 'ADD lastVersion :one SET kind = :kind',
      ExpressionAttributeValues: { ':one': 1, ':kind': 'key-source' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const entry: RegisteredKey = {
    keyId: credential.keyId,
    tenant,
    source,
    version: counter.Attributes!.lastVersion as number,
    masterVersion: credential.masterVersion ?? 1,
    ...(binding.awsAccount !== undefined && { awsAccount: binding.awsAccount }),
    createdAt: now.toISOString(),
  };
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: {
              pk: registryKeys.partition,
              sk: registryKeys.ingestKey(entry.keyId),
              ...entry,
              secretHash: secretHash(credential.secret),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { pk: partition, sk: inventoryKeys.ingestKey(entry.keyId), kind: 'ingest-key', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    }),
  );
  return entry;
}

/** Marks `keyId` revoked, in the registry and the tenant's list; false when the tenant has no such key. */
export async function revokeIngestKey(
  doc: DynamoDBDocumentClient,
  table: string,
  tenant: string,
  keyId: string,
  now: Date,
): Promise<boolean> {
  const set = {
    UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
    // The tenant is checked on both items: one tenant can never revoke another's key.
    ConditionExpression: 'attribute_exists(pk) AND tenant = :tenant',
    ExpressionAttributeValues: { ':now': now.toISOString(), ':tenant': tenant },
  };
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: { pk: registryKeys.partition, sk: registryKeys.ingestKey(keyId) },
              ...set,
            },
          },
          {
            Update: {
              TableName: table,
              Key: { pk: tenantScope(tenant), sk: inventoryKeys.ingestKey(keyId) },
              ...set,
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') return false;
    throw error;
  }
}

/** Records on the tenant's item of `keyId` which key replaced it, so a rotation is not repeated. */
export async function markRotated(
  doc: DynamoDBDocumentClient,
  table: string,
  tenant: string,
  keyId: string,
  replacement: string,
): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: tenantScope(tenant), sk: inventoryKeys.ingestKey(keyId) },
      UpdateExpression: 'SET rotatedTo = :to',
      ConditionExpression: 'attribute_exists(pk) AND tenant = :tenant',
      ExpressionAttributeValues: { ':to': replacement, ':tenant': tenant },
    }),
  );
}

/** Issues a key for `tenant` and records it: the credential to give the tenant's forwarder. */
export async function onboardTenant(
  deps: { doc: DynamoDBDocumentClient; table: string; masterSecret: string; now: () => Date },
  tenant: string,
  source: string = DEFAULT_SOURCE,
  binding: KeyBinding = {},
): Promise<IngestCredential> {
  const credential = issueIngestKey(deps.masterSecret);
  await registerIngestKey(deps.doc, deps.table, credential, tenant, deps.now(), source, binding);
  return credential;
}

/** The registry item of `keyId` (consistent read not needed: keys are written once, then revoked). */
export async function readRegistryEntry(
  doc: DynamoDBDocumentClient,
  table: string,
  keyId: string,
): Promise<Record<string, unknown> | undefined> {
  const result = await doc.send(
    new GetCommand({
      TableName: table,
      Key: { pk: registryKeys.partition, sk: registryKeys.ingestKey(keyId) },
    }),
  );
  return result.Item;
}

/** Registry entries a consumer container keeps: bounded, so random forged ids cannot grow it. */
const CACHE_ENTRIES = 10_000;
/** BatchGetItem's own limit. */
const BATCH_KEYS = 100;

/**
 * Key id -> tenant, secret and binding, cached for `ttlMs` (revocation takes effect within that time)
 * in a bounded LRU; `preload` fetches a batch's uncached ids with BatchGetItem. Only well-formed ids
 * (envelope.ts KEY_ID) reach it. The secret derives from the master version the entry names; a key
 * of a version the keyring no longer holds resolves to nothing (refused like a revoked key).
 */
export function createKeyResolver(
  doc: DynamoDBDocumentClient,
  table: string,
  masterSecret: string,
  ttlMs = 60_000,
): KeyResolver {
  const keyring = masterKeyring(masterSecret);
  const cache = new Map<string, { at: number; entry: KeyEntry | undefined }>();
  const entryOf = (keyId: string, item: Record<string, unknown> | undefined): KeyEntry | undefined => {
    if (item === undefined || item.revokedAt !== undefined) return undefined;
    const version = (item.masterVersion as number | undefined) ?? 1;
    const master = keyring.secret(version);
    if (master === undefined) return undefined;
    return {
      tenant: item.tenant as string,
      secret: deriveSecret(master, keyId, version),
      ...(typeof item.awsAccount === 'string' && { awsAccount: item.awsAccount }),
    };
  };
  const remember = (keyId: string, item: Record<string, unknown> | undefined): KeyEntry | undefined => {
    const entry = entryOf(keyId, item);
    cache.delete(keyId);
    cache.set(keyId, { at: Date.now(), entry });
    // Maps iterate in insertion order: the first key is the least recently used.
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    return entry;
  };
  const fresh = (keyId: string) => {
    const hit = cache.get(keyId);
    if (hit === undefined || Date.now() - hit.at >= ttlMs) return undefined;
    cache.delete(keyId);
    cache.set(keyId, hit);
    return hit;
  };
  const resolve: KeyResolver = async (keyId) => {
    const hit = fresh(keyId);
    if (hit !== undefined) return hit.entry;
    return remember(keyId, await readRegistryEntry(doc, table, keyId));
  };
  resolve.preload = async (keyIds) => {
    const missing = keyIds.filter((id) => fresh(id) === undefined);
    for (let i = 0; i < missing.length; i += BATCH_KEYS) {
      const chunk = missing.slice(i, i + BATCH_KEYS);
      const found = new Map<string, Record<string, unknown>>();
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [table]: {
          Keys: chunk.map((id) => ({ pk: registryKeys.partition, sk: registryKeys.ingestKey(id) })),
        },
      };
      for (let attempt = 0; request !== undefined && attempt < 5; attempt++) {
        const page: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of page.Responses?.[table] ?? []) found.set(item.keyId as string, item);
        const left = page.UnprocessedKeys?.[table];
        request =
          left === undefined || (left.Keys ?? []).length === 0
            ? undefined
            : { [table]: { Keys: left.Keys! } };
      }
      // Ids still unprocessed are looked up one by one when their record is opened.
      const unprocessed = new Set((request?.[table]?.Keys ?? []).map((key) => key.sk as string));
      for (const id of chunk) if (!unprocessed.has(registryKeys.ingestKey(id))) remember(id, found.get(id));
    }
  };
  return resolve;
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

export class InvalidAwsAccountError extends Error {
  constructor(account: string) {
    super(`Invalid AWS account ${JSON.stringify(account.slice(0, 40))}: use the 12-digit account id`);
    this.name = 'InvalidAwsAccountError';
  }
}

export class InvalidSourceError extends Error {
  constructor(source: string) {
    super(
      `Invalid source name ${JSON.stringify(source)}: use 1-63 lower-case letters, digits, '.', '_' or '-'`,
    );
    this.name = 'InvalidSourceError';
  }
}
