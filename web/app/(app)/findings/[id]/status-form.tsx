'use client';
import { useActionState } from 'react';
import { changeStatusAction } from './actions.ts';

const CHOICES = [
  ['acknowledged', 'Acknowledge'],
  ['resolved', 'Resolve'],
  ['suppressed', 'Suppress'],
  ['open', 'Reopen'],
] as const;

export function StatusForm({ findingId, current }: { findingId: string; current: string }) {
  const [state, action, pending] = useActionState(changeStatusAction.bind(null, findingId), {});
  return (
    <form className="stack" action={action}>
      <label>
        New status
        <select name="status" defaultValue={current === 'open' ? 'acknowledged' : 'open'}>
          {CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <textarea name="reason" required maxLength={1024} rows={2} />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Change status'}
      </button>
      {state.message && (
        <p role="status" className={state.ok ? 'ok' : 'error'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
