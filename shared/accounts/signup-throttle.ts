/**
 * Sign-up rate limit: new accounts per client address and for the whole portal, in DynamoDB windows
 * so every portal instance (Lambda containers) counts together. Every attempt counts (each one costs
 * a memory-hard hash and may create a tenant). A claim adds to the current window only while it and
 * the previous window together stay under the limit, in one conditional update, so concurrent
 * sign-ups cannot overshoot and a burst straddling a window boundary is still one burst.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys } from './account-keys.ts';
import type { AccountsTable } from './accounts-table.ts';

export interface SignUpLimits {
  /** Sign-ups one client address may attempt per window (an office behind one NAT signs up a few). */
  readonly perAddress: number;
  /** Sign-ups the whole portal accepts per window: a ceiling on scripted tenant creation. */
  readonly global: number;
  readonly windowMs: number;
  /** The global counter's subject; tests give their own so they do not share a count. */
  readonly globalSubject: string;
}

export const SIGNUP_LIMITS: SignUpLimits = {
  perAddress: 10,
  global: 300,
  windowMs: 60 * 60_000,
  globalSubject: 'global',
};

const windowStart = (table: AccountsTable, windowMs: number, windowsBack = 0) =>
  new Date((Math.floor(table.now().getTime() / windowMs) - windowsBack) * windowMs).toISOString();

/**
 * Counts one sign-up attempt against the address and the global limit; false when either is used up.
 * `if (!(await claimSignUp(table, '203.0.113.7'))) return tooMany()`
 */
export async function claimSignUp(
  table: AccountsTable,
  clientAddress: string | undefined,
  limits: SignUpLimits = SIGNUP_LIMITS,
): Promise<boolean> {
  const subjects: [string, number][] = [
    ...(clientAddress ? [[`ip:${clientAddress}`, limits.perAddress] as [string, number]] : []),
    [limits.globalSubject, limits.global],
  ];
  for (const [subject, limit] of subjects) {
    if (!(await claimInWindow(table, subject, limit, limits.windowMs))) return false;
  }
  return true;
}

async function claimInWindow(
  table: AccountsTable,
  subject: string,
  limit: number,
  windowMs: number,
): Promise<boolean> {
  const pk = accountKeys.signupWindow(subject);
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk, sk: windowStart(table, windowMs, 1) },
      ConsistentRead: true,
    }),
  );
  const room = limit - ((Item?.attempts as number | undefined) ?? 0);
  if (room <= 0) return false;
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk, sk: windowStart(table, windowMs) },
        UpdateExpression: 'ADD attempts :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :room',
        ExpressionAttributeValues: {
          ':one': 1,
          ':room': room,
          ':exp': Math.floor(table.now().getTime() / 1000) + Math.ceil((2 * windowMs) / 1000),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
