import Link from 'next/link';
import { portalEnv } from '../../../lib/portal-env.ts';
import { SignInForm } from './signin-form.tsx';

export const dynamic = 'force-dynamic';

export default function SignInPage() {
  const oidc = portalEnv().auth.mode === 'oidc';
  return (
    <main className="narrow">
      <h1>Sign in to Surveyor</h1>
      <SignInForm oidc={oidc} />
      {!oidc && (
        <p className="muted">
          New here? <Link href="/signup">Create an account</Link>
        </p>
      )}
    </main>
  );
}
