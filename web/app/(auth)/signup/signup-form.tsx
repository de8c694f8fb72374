'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { signUpAction } from './actions.ts';

export function SignUpForm({ invite, email }: { invite?: string | undefined; email?: string | undefined }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signUpAction(form);
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    const signedIn = await signIn('credentials', {
      redirect: false,
      email: result.email,
      password: String(form.get('password')),
    });
    setBusy(false);
    if (!signedIn?.ok) {
      setError('Your account was created; sign in to continue.');
      return;
    }
    router.push(invite ? '/inventory' : '/onboarding');
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      {invite && <input type="hidden" name="invite" value={invite} />}
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          readOnly={email !== undefined}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          aria-describedby="password-hint"
        />
      </label>
      <p id="password-hint" className="muted">
        At least 10 characters.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : invite ? 'Sign up' : 'Create account'}
      </button>
    </form>
  );
}
