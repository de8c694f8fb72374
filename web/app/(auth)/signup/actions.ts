'use server';
/**
 * Sign-up as a server action (Next checks the Origin of every action, which is its CSRF defence):
 * a new tenant with the user as owner, or, with an invitation, membership of the inviting tenant.
 * Every attempt is counted against the sign-up limit (per address and portal-wide) first.
 */
import { normalEmail } from '#shared/accounts/account-keys';
import { acceptInvite } from '#shared/accounts/invites';
import { signUp } from '#shared/accounts/members';
import { claimSignUp } from '#shared/accounts/signup-throttle';
import { cookies, headers } from 'next/headers';
import { INVITE_COOKIE } from '../../../lib/auth-options.ts';
import { clientAddress } from '../../../lib/client-address.ts';
import { errorBody } from '../../../lib/api-errors.ts';
import { serverDeps } from '../../../lib/server-deps.ts';

export type SignUpResult = { ok: true; email: string } | { ok: false; message: string };

export async function signUpAction(form: FormData): Promise<SignUpResult> {
  const password = String(form.get('password') ?? '');
  const invite = String(form.get('invite') ?? '');
  const { accounts } = serverDeps();
  try {
    if (!(await claimSignUp(accounts, clientAddress((await headers()).get('x-forwarded-for')))))
      return { ok: false, message: 'Too many sign-ups from here; try again in an hour.' };
    if (invite !== '') {
      const member = await acceptInvite(accounts, invite, password);
      return { ok: true, email: member.email };
    }
    const email = normalEmail(form.get('email'));
    if (email === undefined) return { ok: false, message: 'Enter a valid e-mail address.' };
    await signUp(accounts, { email, password });
    return { ok: true, email };
  } catch (error) {
    const { status, body } = errorBody(error);
    return { ok: false, message: status < 500 ? body.message : 'Sign-up failed; try again.' };
  }
}

/**
 * OIDC mode: remembers the invitation across the round trip to the provider (15 minutes, HttpOnly);
 * the first sign-in then joins its tenant if the provider's verified e-mail is the one invited.
 */
export async function rememberInviteAction(invite: string): Promise<void> {
  if (!/^inv_[\w-]{16,64}$/.test(invite)) return;
  (await cookies()).set(INVITE_COOKIE, invite, {
    httpOnly: true,
    sameSite: 'lax',
    secure: (await headers()).get('x-forwarded-proto') === 'https',
    path: '/api/auth',
    maxAge: 15 * 60,
  });
}
