import Link from 'next/link';
import { readInvite } from '#shared/accounts/invites';
import { serverDeps } from '../../../lib/server-deps.ts';
import { portalEnv } from '../../../lib/portal-env.ts';
import { SignUpForm } from './signup-form.tsx';
import { SsoSignUp } from './sso-sign-up.tsx';

export const dynamic = 'force-dynamic';

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  const invitation = invite ? await readInvite(serverDeps().accounts, invite) : undefined;
  return (
    <main className="narrow">
      <h1>{invitation ? 'Join your team on Surveyor' : 'Create your Surveyor account'}</h1>
      {invite && !invitation && <p className="error">This invitation is unknown, used or expired.</p>}
      {invitation && (
        <p className="muted">
          {invitation.invitedBy} invited {invitation.email} as {invitation.role}.
        </p>
      )}
      {portalEnv().auth.mode === 'oidc' ? (
        <SsoSignUp invite={invitation ? invite : undefined} />
      ) : (
        <SignUpForm invite={invitation ? invite : undefined} email={invitation?.email} />
      )}
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
