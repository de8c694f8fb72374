'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'That e-mail and password do not match an account.',
  TooManyAttempts: 'Too many failed attempts: wait a minute and try again.',
};

export function SignInForm({ oidc }: { oidc: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (oidc)
    return <button onClick={() => void signIn('oidc', { callbackUrl: '/inventory' })}>Sign in</button>;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    setBusy(false);
    if (result?.ok) {
      router.push('/inventory');
      router.refresh();
    } else setError(MESSAGES[result?.error ?? ''] ?? 'Sign-in failed; try again.');
  }

  return (
    <form
      className="stack"
      onSubmit={(e) => void submit(e)}
      aria-describedby={error ? 'signin-error' : undefined}
    >
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p id="signin-error" className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
