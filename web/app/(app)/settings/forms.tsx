'use client';
import { useActionState } from 'react';
import {
  createTokenAction,
  inviteAction,
  removeMemberAction,
  revokeTokenAction,
  type ActionResult,
} from './actions.ts';

function Outcome({ state }: { state: ActionResult }) {
  if (!state.message) return null;
  return (
    <div role="status">
      <p className={state.ok ? 'ok' : 'error'}>{state.message}</p>
      {state.secret && <p className="secret">{state.secret}</p>}
    </div>
  );
}

export function InviteForm() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(inviteAction, { ok: false });
  return (
    <>
      <form className="inline" action={action}>
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="admin">admin</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <button type="submit" disabled={pending}>
          Invite
        </button>
      </form>
      <Outcome state={state} />
    </>
  );
}

export function TokenForm() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(createTokenAction, { ok: false });
  return (
    <>
      <form className="inline" action={action}>
        <label>
          Token name
          <input name="name" required maxLength={64} />
        </label>
        <label>
          Token role
          <select name="role" defaultValue="viewer">
            <option value="viewer">viewer (read only)</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" disabled={pending}>
          Create token
        </button>
      </form>
      <Outcome state={state} />
    </>
  );
}

export function RemoveMemberButton({ email }: { email: string }) {
  return (
    <button className="link" onClick={() => void removeMemberAction(email)} aria-label={`Remove ${email}`}>
      Remove
    </button>
  );
}

export function RevokeTokenButton({ tokenId }: { tokenId: string }) {
  return (
    <button
      className="link"
      onClick={() => void revokeTokenAction(tokenId)}
      aria-label={`Revoke token ${tokenId}`}
    >
      Revoke
    </button>
  );
}
