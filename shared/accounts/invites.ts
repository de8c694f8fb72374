/**
 * Invitations: an owner invites an e-mail with a role and gets a one-time link (shown once; only its
 * hash is stored). Opening it signs the invitee up straight into the tenant with that role.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { accountKeys, type Role } from './account-keys.ts';
import { AccountError, type AccountsTable } from './accounts-table.ts';
import { createExternalUser, createUser, type Membership } from './members.ts';

const INVITE_DAYS = 7;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** `createInvite(t, 'acme', 'bob@acme.example', 'viewer', 'alice@acme.example')` -> the invite token. */
export async function createInvite(
  table: AccountsTable,
  tenant: string,
  email: string,
  role: Role,
  invitedBy: string,
): Promise<string> {
  const token = `inv_${randomBytes(24).toString('base64url')}`;
  const expiresAt = Math.floor(table.now().getTime() / 1000) + INVITE_DAYS * 86_400;
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: accountKeys.invitePartition,
        sk: accountKeys.invite(hashOf(token)),
        tenant,
        email,
        role,
        invitedBy,
        expiresAt,
      },
    }),
  );
  return token;
}

/** What an invite token is for, or undefined when it is unknown, used or expired. */
export async function readInvite(
  table: AccountsTable,
  token: string,
): Promise<(Membership & { invitedBy: string }) | undefined> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: accountKeys.invitePartition, sk: accountKeys.invite(hashOf(token)) },
      ConsistentRead: true,
    }),
  );
  // TTL deletes expired items lazily (up to days later), so expiry is checked here too.
  if (Item === undefined || (Item.expiresAt as number) * 1000 < table.now().getTime()) return undefined;
  return {
    tenant: Item.tenant as string,
    email: Item.email as string,
    role: Item.role as Role,
    invitedBy: Item.invitedBy as string,
  };
}

/** Creates the invitee's account in the inviting tenant and uses the invite up, in one transaction. */
export async function acceptInvite(
  table: AccountsTable,
  token: string,
  password: string,
): Promise<Membership> {
  const invite = await usableInvite(table, token);
  await createUser(table, invite.email, password, memberOf(invite), [useUp(table, token)]);
  return { tenant: invite.tenant, email: invite.email, role: invite.role };
}

/**
 * The same for a person the OIDC provider vouches for: only when the provider's verified e-mail is
 * the one invited, so a forwarded link cannot bring in somebody else.
 */
export async function acceptInviteExternal(
  table: AccountsTable,
  token: string,
  verifiedEmail: string,
): Promise<Membership> {
  const invite = await usableInvite(table, token);
  if (invite.email !== verifiedEmail)
    throw new AccountError('This invitation is for another e-mail address', 'invalid-invite');
  await createExternalUser(table, invite.email, memberOf(invite), [useUp(table, token)]);
  return { tenant: invite.tenant, email: invite.email, role: invite.role };
}

async function usableInvite(table: AccountsTable, token: string) {
  const invite = await readInvite(table, token);
  if (invite === undefined)
    throw new AccountError('This invitation is unknown, used or expired', 'invalid-invite');
  return invite;
}

const memberOf = (invite: Membership & { invitedBy: string }) => ({
  tenant: invite.tenant,
  role: invite.role,
  addedBy: invite.invitedBy,
});

const useUp = (table: AccountsTable, token: string) => ({
  Delete: {
    TableName: table.tableName,
    Key: { pk: accountKeys.invitePartition, sk: accountKeys.invite(hashOf(token)) },
    // A second use of the same link finds it gone and the whole transaction fails.
    ConditionExpression: 'attribute_exists(pk)',
  },
});
