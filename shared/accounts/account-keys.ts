/**
 * Keys of the accounts table (users, memberships, invites, API tokens, sign-in and sign-up windows). A tenant's
 * own items live under its tenant scope like every other table; lookups that start from a credential
 * (an e-mail, a token id, an invite) have their own partitions, never a tenant's.
 */
import { tenantScope } from '#shared/tables/keys';

export const ROLES = ['owner', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const accountKeys = {
  user: (email: string) => `USER#${email}`,
  profile: () => 'PROFILE',
  /** On the user's side: which tenants the user belongs to. */
  membership: (tenant: string) => `MEMBERSHIP#${tenant}`,
  membershipPrefix: () => 'MEMBERSHIP#',
  tenant: (tenant: string) => tenantScope(tenant),
  tenantProfile: () => 'TENANT',
  /** On the tenant's side: who belongs to it (the members page). */
  member: (email: string) => `MEMBER#${email}`,
  memberPrefix: () => 'MEMBER#',
  invitePartition: 'INVITE#',
  invite: (hash: string) => `INVITE#${hash}`,
  invitePrefix: () => 'INVITE#',
  tokenPartition: 'APITOKEN#',
  token: (tokenId: string) => `TOKEN#${tokenId}`,
  tenantToken: (tokenId: string) => `APITOKEN#${tokenId}`,
  tenantTokenPrefix: () => 'APITOKEN#',
  signinWindow: (subject: string) => `SIGNIN#${subject}`,
  signupWindow: (subject: string) => `SIGNUP#${subject}`,
};

/** E-mail addresses are compared lower-case and trimmed; `undefined` when it is not one. */
export function normalEmail(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const email = input.trim().toLowerCase();
  return /^[^\s@#]{1,64}@[^\s@#]{1,255}\.[^\s@#]{1,63}$/.test(email) ? email : undefined;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Viewers read; owners and admins change findings, keys, specs and rules. */
export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}
