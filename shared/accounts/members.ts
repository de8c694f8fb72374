/**
 * Users and memberships: sign-up makes a tenant and its owner in one transaction; a membership is
 * written on both sides (the user's, read at every request; the tenant's, for the members page).
 */
import { randomBytes } from 'node:crypto';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { accountKeys, isRole, type Role } from './account-keys.ts';
import { AccountError, type AccountsTable } from './accounts-table.ts';
import { hashPassword, passwordProblem } from './password.ts';

export interface Membership {
  readonly tenant: string;
  readonly email: string;
  readonly role: Role;
}

export interface UserRecord {
  readonly email: string;
  /** Absent for users who sign in through an OIDC provider: no password ever matches. */
  readonly passwordHash: string | undefined;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A new tenant id: `t-` and 12 random base-32 characters (the tenant id alphabet). */
export function newTenantId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return `t-${[...randomBytes(12)].map((b) => alphabet[b % 32]).join('')}`;
}

/** Sign-up: a user, a new tenant (or `tenant` when given, e.g. `demo`) and its owner membership. */
export async function signUp(
  table: AccountsTable,
  input: { email: string; password: string; tenant?: string },
): Promise<Membership> {
  const tenant = input.tenant ?? newTenantId();
  await createUser(table, input.email, input.password, { tenant, role: 'owner' }, [newTenant(table, tenant)]);
  return { tenant, email: input.email, role: 'owner' };
}

/** Sign-up of a user the OIDC provider vouches for (first sign-in): a new tenant with them as owner. */
export async function signUpExternal(table: AccountsTable, email: string): Promise<Membership> {
  const tenant = newTenantId();
  await createExternalUser(table, email, { tenant, role: 'owner' }, [newTenant(table, tenant)]);
  return { tenant, email, role: 'owner' };
}

function newTenant(table: AccountsTable, tenant: string): TransactItem {
  return {
    Put: {
      TableName: table.tableName,
      Item: {
        pk: accountKeys.tenant(tenant),
        sk: accountKeys.tenantProfile(),
        tenant,
        createdAt: iso(table),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A user and one membership, plus `extra` writes in the same transaction (all or nothing). */
export async function createUser(
  table: AccountsTable,
  email: string,
  password: string,
  member: { tenant: string; role: Role; addedBy?: string },
  extra: TransactItem[] = [],
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new AccountError(problem, 'invalid-input');
  await writeUser(table, { email, passwordHash: await hashPassword(password) }, member, extra);
}

/** A user who signs in through the OIDC provider (no password hash), with one membership. */
export async function createExternalUser(
  table: AccountsTable,
  email: string,
  member: { tenant: string; role: Role; addedBy?: string },
  extra: TransactItem[] = [],
): Promise<void> {
  await writeUser(table, { email, signInWith: 'oidc' }, member, extra);
}

async function writeUser(
  table: AccountsTable,
  profile: { email: string; passwordHash: string } | { email: string; signInWith: 'oidc' },
  member: { tenant: string; role: Role; addedBy?: string },
  extra: TransactItem[],
): Promise<void> {
  const email = profile.email;
  try {
    await table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: {
                pk: accountKeys.user(email),
                sk: accountKeys.profile(),
                ...profile,
                createdAt: iso(table),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...membershipWrites(table, { ...member, email }),
          ...extra,
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException')
      throw new AccountError('An account with this e-mail already exists', 'email-taken');
    throw error;
  }
}

export function membershipWrites(
  table: AccountsTable,
  m: { tenant: string; email: string; role: Role; addedBy?: string },
): TransactItem[] {
  const at = iso(table);
  return [
    {
      Put: {
        TableName: table.tableName,
        Item: {
          pk: accountKeys.user(m.email),
          sk: accountKeys.membership(m.tenant),
          tenant: m.tenant,
          role: m.role,
          at,
        },
      },
    },
    {
      Put: {
        TableName: table.tableName,
        Item: {
          pk: accountKeys.tenant(m.tenant),
          sk: accountKeys.member(m.email),
          email: m.email,
          role: m.role,
          addedBy: m.addedBy ?? m.email,
          at,
        },
      },
    },
  ];
}

export async function findUser(table: AccountsTable, email: string): Promise<UserRecord | undefined> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: accountKeys.user(email), sk: accountKeys.profile() },
    }),
  );
  return Item === undefined
    ? undefined
    : { email: Item.email as string, passwordHash: Item.passwordHash as string | undefined };
}

/**
 * The tenant the user works in, read at every request (strongly consistent), so a removed member
 * loses access at once. A user belongs to one tenant today; the first membership wins.
 */
export async function membershipOf(table: AccountsTable, email: string): Promise<Membership | undefined> {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': accountKeys.user(email),
        ':prefix': accountKeys.membershipPrefix(),
      },
      ConsistentRead: true,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  if (item === undefined || !isRole(item.role)) return undefined;
  return { tenant: item.tenant as string, email, role: item.role };
}

export async function listMembers(table: AccountsTable, tenant: string): Promise<Membership[]> {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKeys.tenant(tenant), ':prefix': accountKeys.memberPrefix() },
      ConsistentRead: true,
    }),
  );
  return (Items ?? [])
    .filter((i) => isRole(i.role))
    .map((i) => ({ tenant, email: i.email as string, role: i.role as Role }));
}

/** Removes a member from both sides; the tenant's last owner stays. */
export async function removeMember(table: AccountsTable, tenant: string, email: string): Promise<void> {
  const members = await listMembers(table, tenant);
  const member = members.find((m) => m.email === email);
  if (member === undefined) throw new AccountError('No such member', 'not-found');
  if (member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1)
    throw new AccountError('A tenant keeps at least one owner', 'last-owner');
  await table.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: table.tableName,
            Key: { pk: accountKeys.user(email), sk: accountKeys.membership(tenant) },
          },
        },
        {
          Delete: {
            TableName: table.tableName,
            Key: { pk: accountKeys.tenant(tenant), sk: accountKeys.member(email) },
          },
        },
      ],
    }),
  );
}

function iso(table: AccountsTable): string {
  return table.now().toISOString();
}
