/**
 * Sign-in rate limit: failed attempts per e-mail (and per client address) in one-minute windows,
 * counted in DynamoDB so every portal instance (Lambda containers) sees the same count. A check adds
 * the previous window to the current one, so failures that straddle a minute boundary still count
 * together (a fixed window alone would allow twice the limit in a few seconds).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys } from './account-keys.ts';
import type { AccountsTable } from './accounts-table.ts';

export const MAX_FAILURES_PER_MINUTE = 5;

const WINDOW_MS = 60_000;

const windowOf = (table: AccountsTable, windowsBack = 0) =>
  new Date((Math.floor(table.now().getTime() / WINDOW_MS) - windowsBack) * WINDOW_MS).toISOString();

/** True while `subject` (`email:alice@x`, `ip:1.2.3.4`) has used up its failures (this and the last minute). */
export async function signInBlocked(
  table: AccountsTable,
  subject: string,
  limit = MAX_FAILURES_PER_MINUTE,
): Promise<boolean> {
  const counts = await Promise.all(
    [windowOf(table), windowOf(table, 1)].map(async (sk) => {
      const { Item } = await table.doc.send(
        new GetCommand({
          TableName: table.tableName,
          Key: { pk: accountKeys.signinWindow(subject), sk },
          ConsistentRead: true,
        }),
      );
      return (Item?.failures as number | undefined) ?? 0;
    }),
  );
  return counts[0]! + counts[1]! >= limit;
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
