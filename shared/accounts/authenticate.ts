/**
 * The portal's authenticators: a password sign-in (throttled, constant work for unknown accounts)
 * and the membership lookup every request repeats, which turns a signed-in e-mail into the tenant
 * it may act for.
 */
import type { AccountsTable } from './accounts-table.ts';
import { normalEmail } from './account-keys.ts';
import { findUser } from './members.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { recordSignInFailure, signInBlocked } from './signin-throttle.ts';

export type SignInResult = { ok: true; email: string } | { ok: false; reason: 'invalid' | 'throttled' };

/** `await passwordSignIn(table, 'alice@acme.example', '...', '203.0.113.7')` */
export async function passwordSignIn(
  table: AccountsTable,
  emailInput: unknown,
  password: unknown,
  clientAddress: string | undefined,
): Promise<SignInResult> {
  const email = normalEmail(emailInput);
  if (email === undefined || typeof password !== 'string') return { ok: false, reason: 'invalid' };
  const subjects = [`email:${email}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
  const blocked = await Promise.all(subjects.map((s, i) => signInBlocked(table, s, i === 0 ? 5 : 50)));
  if (blocked.some(Boolean)) return { ok: false, reason: 'throttled' };
  const user = await findUser(table, email);
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (user !== undefined && valid) return { ok: true, email };
  await Promise.all(subjects.map((s) => recordSignInFailure(table, s)));
  return { ok: false, reason: 'invalid' };
}
