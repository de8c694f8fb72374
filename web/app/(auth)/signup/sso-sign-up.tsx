'use client';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { rememberInviteAction } from './actions.ts';

/** OIDC mode: the provider's own page signs the person up; their first sign-in here creates the tenant. */
export function SsoSignUp({ invite }: { invite?: string | undefined }) {
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    if (invite) await rememberInviteAction(invite);
    await signIn('oidc', { callbackUrl: invite ? '/inventory' : '/onboarding' });
  }

  return (
    <div className="stack">
      <p className="muted">You sign up and sign in with your organisation&apos;s single sign-on.</p>
      <button type="button" disabled={busy} onClick={() => void start()}>
        {busy ? 'Redirecting…' : 'Sign up'}
      </button>
    </div>
  );
}
