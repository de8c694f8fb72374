/**
 * Sign-in rate limit: failed attempts per e-mail (and per client address) in one-minute windows,
 * counted in DynamoDB so every portal instance (Lambda containers) sees the same count.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys } from './account-keys.ts';
import type { AccountsTable } from './accounts-table.ts';

export const MAX_FAILURES_PER_MINUTE = 5;

const windowOf = (table: AccountsTable) =>
  new Date(Math.floor(table.now().getTime() / 60_000) * 60_000).toISOString();

/** True while `subject` (`email:alice@x`, `ip:1.2.3.4`) has used up this minute's failures. */
export async function signInBlocked(
  table: AccountsTable,
  subject: string,
  limit = MAX_FAILURES_PER_MINUTE,
): Promise<boolean> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: accountKeys.signinWindow(subject), sk: windowOf(table) },
      ConsistentRead: true,
    }),
  );
  return ((Item?.failures as number | undefined) ?? 0) >= limit;
}

export async function recordSignInFailure(table: AccountsTable, subject: string): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: accountKeys.signinWindow(subject), sk: windowOf(table) },
      UpdateExpression: 'ADD failures :one SET expiresAt = :exp',
      ExpressionAttributeValues: { ':one': 1, ':exp': Math.floor(table.now().getTime() / 1000) + 3600 },
    }),
  );
}
