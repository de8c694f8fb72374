import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import { passwordSignIn } from '#shared/accounts/authenticate';
import { createInvite } from '#shared/accounts/invites';
import { membershipOf, signUp } from '#shared/accounts/members';
import { authOptionsFor } from '../../../web/lib/auth-options.ts';
import { readPortalEnv } from '../../../web/lib/portal-env.ts';
import { localEnv } from '../local-env.ts';

const { clients, names } = localEnv();
const accounts = { doc: clients.doc, tableName: names.accountsTable, now: () => new Date() };

const BASE_ENV = {
  NODE_ENV: 'test',
  NEXTAUTH_SECRET: 'x'.repeat(32),
  INVENTORY_TABLE: names.inventoryTable,
  FINDINGS_TABLE: names.findingsTable,
  ACCOUNTS_TABLE: names.accountsTable,
} as const;
const OIDC_ENV = {
  ...BASE_ENV,
  OIDC_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123/',
  OIDC_CLIENT_ID: 'portal-client',
  OIDC_CLIENT_SECRET: 'client-secret',
} as const;

function options(env: NodeJS.ProcessEnv, inviteToken?: string): NextAuthOptions {
  return authOptionsFor(readPortalEnv(env), { accounts, inviteToken: async () => inviteToken }, env);
}

/** What next-auth calls once the provider has authenticated the person. */
function providerSignIn(opts: NextAuthOptions, claims: Record<string, unknown>) {
  const signIn = opts.callbacks!.signIn!;
  return signIn({
    user: { id: String(claims.sub ?? 'sub'), email: String(claims.email) },
    account: { provider: 'oidc', type: 'oauth', providerAccountId: String(claims.sub ?? 'sub') },
    profile: claims,
  } as Parameters<typeof signIn>[0]);
}

const newEmail = () => `sso-${randomUUID()}@acme.example`;

describe('choosing the sign-in provider from the environment', () => {
  it('uses e-mail and password without OIDC_ISSUER', () => {
    const providers = options(BASE_ENV).providers;
    expect(providers.map((p) => p.id)).toEqual(['credentials']);
  });

  it('uses the issuer of OIDC_ISSUER with PKCE, state and nonce when it is set', () => {
    const [provider, ...others] = options(OIDC_ENV).providers as unknown as Record<string, unknown>[];
    expect(others).toEqual([]);
    expect(provider).toMatchObject({
      id: 'oidc',
      type: 'oauth',
      wellKnown:
        'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123/.well-known/openid-configuration',
      clientId: 'portal-client',
      clientSecret: 'client-secret',
      checks: ['pkce', 'state', 'nonce'],
    });
  });

  it('fails loudly when the issuer comes without its client', () => {
    expect(() =>
      readPortalEnv({ ...BASE_ENV, OIDC_ISSUER: 'https://idp.example' } as NodeJS.ProcessEnv),
    ).toThrow(/OIDC_CLIENT_ID/);
  });
});

describe('signing in through the OIDC provider', () => {
  it('makes the first sign-in of a verified e-mail the owner of a new tenant, and keeps it on the next', async () => {
    const email = newEmail();

    expect(await providerSignIn(options(OIDC_ENV), { sub: 'a1', email, email_verified: true })).toBe(true);
    const first = await membershipOf(accounts, email);
    expect(await providerSignIn(options(OIDC_ENV), { sub: 'a1', email, email_verified: 'true' })).toBe(true);

    expect(first).toMatchObject({ email, role: 'owner', tenant: expect.stringMatching(/^t-[a-z2-7]{12}$/) });
    expect(await membershipOf(accounts, email)).toEqual(first);
  });

  it('refuses an e-mail the provider has not verified and creates nothing', async () => {
    const email = newEmail();

    expect(await providerSignIn(options(OIDC_ENV), { sub: 'b1', email, email_verified: false })).toBe(false);
    expect(await providerSignIn(options(OIDC_ENV), { sub: 'b1', email })).toBe(false);

    expect(await membershipOf(accounts, email)).toBeUndefined();
  });

  it('joins the inviting tenant with the invited role when the invitation is for that e-mail', async () => {
    const owner = newEmail();
    const { tenant } = await signUp(accounts, { email: owner, password: 'correct horse battery' });
    const invitee = newEmail();
    const token = await createInvite(accounts, tenant, invitee, 'viewer', owner);

    expect(await providerSignIn(options(OIDC_ENV, token), { email: invitee, email_verified: true })).toBe(
      true,
    );

    expect(await membershipOf(accounts, invitee)).toEqual({ tenant, email: invitee, role: 'viewer' });
  });

  it('refuses an invitation meant for another e-mail, leaving it usable by its invitee', async () => {
    const owner = newEmail();
    const { tenant } = await signUp(accounts, { email: owner, password: 'correct horse battery' });
    const invitee = newEmail();
    const token = await createInvite(accounts, tenant, invitee, 'admin', owner);
    const stranger = newEmail();

    expect(await providerSignIn(options(OIDC_ENV, token), { email: stranger, email_verified: true })).toBe(
      false,
    );
    expect(await membershipOf(accounts, stranger)).toBeUndefined();
    expect(await providerSignIn(options(OIDC_ENV, token), { email: invitee, email_verified: true })).toBe(
      true,
    );
    expect(await membershipOf(accounts, invitee)).toMatchObject({ tenant, role: 'admin' });
  });

  it('gives an account made through the provider no password to guess', async () => {
    const email = newEmail();
    await providerSignIn(options(OIDC_ENV), { email, email_verified: true });

    expect(await passwordSignIn(accounts, email, '', undefined)).toEqual({ ok: false, reason: 'invalid' });
    expect(await passwordSignIn(accounts, email, 'undefined', undefined)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});
