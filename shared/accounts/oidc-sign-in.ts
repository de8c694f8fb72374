/**
 * Sign-in through an OIDC provider (AWS mode: Cognito or any issuer). The provider authenticates;
 * Surveyor trusts only a verified e-mail from it. A first sign-in is the sign-up: it joins the tenant
 * of the invitation it carries (when the invitation is for that e-mail) or creates a tenant with the
 * person as owner. Later sign-ins change nothing.
 */
import { normalEmail } from './account-keys.ts';
import { AccountError, type AccountsTable } from './accounts-table.ts';
import { acceptInviteExternal } from './invites.ts';
import { findUser, signUpExternal } from './members.ts';

export type OidcSignInResult =
  | { ok: true; email: string; created: boolean }
  | { ok: false; reason: 'unverified-email' | 'invalid-invite' };

/** Claims of the ID token (or userinfo) that matter here. */
export interface OidcClaims {
  readonly email?: unknown;
  /** Cognito sends a boolean; some issuers send the string "true". */
  readonly email_verified?: unknown;
}

/** `await oidcSignIn(table, { email: 'ana@acme.example', email_verified: true }, inviteToken)` */
export async function oidcSignIn(
  table: AccountsTable,
  claims: OidcClaims,
  inviteToken: string | undefined,
): Promise<OidcSignInResult> {
  const email = normalEmail(claims.email);
  if (email === undefined || (claims.email_verified !== true && claims.email_verified !== 'true'))
    return { ok: false, reason: 'unverified-email' };
  if ((await findUser(table, email)) !== undefined) return { ok: true, email, created: false };
  try {
    if (inviteToken) await acceptInviteExternal(table, inviteToken, email);
    else await signUpExternal(table, email);
    return { ok: true, email, created: true };
  } catch (error) {
    if (error instanceof AccountError && error.code === 'invalid-invite')
      return { ok: false, reason: 'invalid-invite' };
    // Two first sign-ins at once: the other one made the account.
    if (error instanceof AccountError && error.code === 'email-taken')
      return { ok: true, email, created: false };
    throw error;
  }
}
