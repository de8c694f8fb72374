/**
 * API tokens for automation (`Authorization: Bearer svt_<id>.<secret>`): created and revoked by a
 * tenant's owners and admins, shown once, stored as the SHA-256 of the secret (the secret is 32
 * random bytes, so a fast hash is enough; passwords get scrypt).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys, isRole, type Role } from './account-keys.ts';
import { AccountError, type AccountsTable } from './accounts-table.ts';
import type { Membership } from './members.ts';

export interface ApiTokenView {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

const TOKEN = /^svt_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;
const digest = (secret: string) => createHash('sha256').update(secret).digest();

/** Returns the token once; `role` is what it may do (viewer: read only). */
export async function createApiToken(
  table: AccountsTable,
  tenant: string,
  input: { name: string; role: Role; createdBy: string },
): Promise<{ token: string; view: ApiTokenView }> {
  const name = input.name.trim();
  if (name === '' || name.length > 64)
    throw new AccountError('Name the token (1-64 characters)', 'invalid-input');
  const tokenId = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const view: ApiTokenView = {
    tokenId,
    name,
    role: input.role,
    createdBy: input.createdBy,
    createdAt: table.now().toISOString(),
  };
  await table.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table.tableName,
            Item: {
              pk: accountKeys.tokenPartition,
              sk: accountKeys.token(tokenId),
              tenant,
              hash: digest(secret).toString('base64'),
              ...view,
            },
          },
        },
        {
          Put: {
            TableName: table.tableName,
            Item: { pk: accountKeys.tenant(tenant), sk: accountKeys.tenantToken(tokenId), ...view },
          },
        },
      ],
    }),
  );
  return { token: `svt_${tokenId}.${secret}`, view };
}

/** The membership a bearer token acts with, or undefined for a malformed, unknown or revoked one. */
export async function resolveApiToken(table: AccountsTable, bearer: string): Promise<Membership | undefined> {
  const match = TOKEN.exec(bearer);
  if (match === null) return undefined;
  const [, tokenId, secret] = match as unknown as [string, string, string];
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: accountKeys.tokenPartition, sk: accountKeys.token(tokenId) },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined || Item.revokedAt !== undefined || !isRole(Item.role)) return undefined;
  const expected = Buffer.from(Item.hash as string, 'base64');
  if (!timingSafeEqual(expected, digest(secret))) return undefined;
  return { tenant: Item.tenant as string, email: `token:${tokenId}`, role: Item.role };
}

export async function listApiTokens(table: AccountsTable, tenant: string): Promise<ApiTokenView[]> {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': accountKeys.tenant(tenant),
        ':prefix': accountKeys.tenantTokenPrefix(),
      },
    }),
  );
  return (Items ?? []).map(({ pk: _pk, sk: _sk, ...view }) => view as unknown as ApiTokenView);
}

/** Revokes one of the tenant's tokens; another tenant's token id is "not found". */
export async function revokeApiToken(table: AccountsTable, tenant: string, tokenId: string): Promise<void> {
  const at = table.now().toISOString();
  try {
    await table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table.tableName,
              Key: { pk: accountKeys.tenant(tenant), sk: accountKeys.tenantToken(tokenId) },
              UpdateExpression: 'SET revokedAt = :at',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
          {
            Update: {
              TableName: table.tableName,
              Key: { pk: accountKeys.tokenPartition, sk: accountKeys.token(tokenId) },
              UpdateExpression: 'SET revokedAt = :at',
              ConditionExpression: 'tenant = :tenant',
              ExpressionAttributeValues: { ':at': at, ':tenant': tenant },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException')
      throw new AccountError('No such token', 'not-found');
    throw error;
  }
}
