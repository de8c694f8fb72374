/**
 * The demo account `npm start` prints in its banner: an owner of the `demo` tenant, with a password
 * generated once and kept in the data folder (SURVEYOR_DEMO_PASSWORD sets it instead).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountKeys } from '#shared/accounts/account-keys';
import { createUser, findUser } from '#shared/accounts/members';

export const DEMO_EMAIL = 'demo@surveyor.local';

export function demoPassword(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SURVEYOR_DEMO_PASSWORD) return env.SURVEYOR_DEMO_PASSWORD;
  const file = join(dataDir, 'portal-demo-password');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `demo-${randomBytes(9).toString('base64url')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Creates the demo account the first time; returns its sign-in. */
export async function ensureDemoAccount(
  doc: DynamoDBDocumentClient,
  accountsTable: string,
  dataDir: string,
  tenant: string,
): Promise<{ email: string; password: string }> {
  const table = { doc, tableName: accountsTable, now: () => new Date() };
  const password = demoPassword(dataDir);
  if ((await findUser(table, DEMO_EMAIL)) === undefined) {
    await createUser(table, DEMO_EMAIL, password, { tenant, role: 'owner' });
    await doc.send(
      new PutCommand({
        TableName: accountsTable,
        Item: {
          pk: accountKeys.tenant(tenant),
          sk: accountKeys.tenantProfile(),
          tenant,
          createdAt: new Date().toISOString(),
        },
      }),
    );
  }
  return { email: DEMO_EMAIL, password };
}
