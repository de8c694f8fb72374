/** A tenant's claimed domains (with verification tokens) and scan settings, in the inventory table. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { inventoryKeys, tenantScope } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';
import { newVerificationToken } from './verify-domain.ts';

export interface InventoryTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export interface TenantDomain {
  readonly domain: string;
  readonly token: string;
  readonly claimedAt: string;
  readonly verifiedAt?: string;
}

export interface TenantScanSettings {
  /** Log4Shell probes send a JNDI marker: only for tenants that asked for them. */
  readonly log4shell: boolean;
}

/** Claims `domain` for `tenant` with a new token, or returns the existing claim (token unchanged). */
export async function claimDomain(
  table: InventoryTable,
  tenant: string,
  domain: string,
  now: string,
  token = newVerificationToken(),
): Promise<TenantDomain> {
  const key = { pk: tenantScope(tenant), sk: inventoryKeys.domain(domain) };
  try {
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...key, kind: 'domain', domain, token, claimedAt: now },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { domain, token, claimedAt: now };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getDomain(table, tenant, domain))!;
  }
}

export async function getDomain(
  table: InventoryTable,
  tenant: string,
  domain: string,
): Promise<TenantDomain | undefined> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: tenantScope(tenant), sk: inventoryKeys.domain(domain) },
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : toDomain(Item);
}

export async function listDomains(table: InventoryTable, tenant: string): Promise<TenantDomain[]> {
  return (await queryPrefix(table.doc, table.tableName, tenant, inventoryKeys.domainPrefix())).map(toDomain);
}

export async function markVerified(
  table: InventoryTable,
  tenant: string,
  domain: string,
  now: string,
): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: tenantScope(tenant), sk: inventoryKeys.domain(domain) },
      UpdateExpression: 'SET verifiedAt = if_not_exists(verifiedAt, :now), lastVerifiedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now },
    }),
  );
}

export async function getScanSettings(table: InventoryTable, tenant: string): Promise<TenantScanSettings> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: tenantScope(tenant), sk: inventoryKeys.scanSettings() },
    }),
  );
  return { log4shell: Item?.log4shell === true };
}

export async function putScanSettings(
  table: InventoryTable,
  tenant: string,
  settings: TenantScanSettings,
): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: tenantScope(tenant), sk: inventoryKeys.scanSettings(), kind: 'scan-settings', ...settings },
    }),
  );
}

function toDomain(item: Record<string, unknown>): TenantDomain {
  return {
    domain: item.domain as string,
    token: item.token as string,
    claimedAt: item.claimedAt as string,
    ...(typeof item.verifiedAt === 'string' && { verifiedAt: item.verifiedAt }),
  };
}
