'use client';
import { useActionState, useState, useTransition } from 'react';
import {
  addIntegrationAction,
  removeIntegrationAction,
  sendTestAction,
  type IntegrationResult,
} from './actions.ts';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

export function AddIntegrationForm() {
  const [state, action, pending] = useActionState<IntegrationResult, FormData>(addIntegrationAction, {
    ok: false,
  });
  const [type, setType] = useState('webhook');
  return (
    <>
      <form className="stack" action={action} aria-label="Add integration">
        <label>
          Type
          <select name="type" value={type} onChange={(event) => setType(event.target.value)}>
            <option value="webhook">Webhook (Standard Webhooks signatures)</option>
            <option value="slack">Slack incoming webhook</option>
            <option value="pagerduty">PagerDuty Events API v2</option>
          </select>
        </label>
        <label>
          Name
          <input name="name" maxLength={80} placeholder="security-team" />
        </label>
        <label>
          {type === 'pagerduty' ? 'Events URL (optional)' : 'Destination URL'}
          <input
            name="url"
            type="url"
            required={type !== 'pagerduty'}
            maxLength={2048}
            placeholder={
              type === 'slack'
                ? 'https://hooks.slack.com/services/…'
                : type === 'pagerduty'
                  ? 'https://events.pagerduty.com/v2/enqueue'
                  : 'https://example.com/hooks/surveyor'
            }
          />
        </label>
        {type === 'webhook' && (
          <label>
            Signing secret (optional)
            <input name="secret" placeholder="whsec_… (blank: one is generated and shown once)" />
          </label>
        )}
        {type === 'pagerduty' && (
          <label>
            Routing key
            <input name="routingKey" required pattern="[A-Za-z0-9]{32}" title="32 letters and digits" />
          </label>
        )}
        <label>
          Minimum severity
          <select name="minSeverity" defaultValue="medium">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit" disabled={pending}>
            {pending ? 'Adding…' : 'Add integration'}
          </button>
        </div>
      </form>
      {state.message && (
        <div role={state.ok ? 'status' : 'alert'}>
          <p className={state.ok ? 'ok' : 'error'}>{state.message}</p>
          {state.secret && (
            <>
              <p>
                <strong>Copy this signing secret now: it is shown once and stored sealed.</strong>
              </p>
              <p className="secret" data-testid="webhook-secret">
                {state.secret}
              </p>
            </>
          )}
        </div>
      )}
    </>
  );
}

/** "Send test" and "Remove" for one integration, with what happened next to them. */
export function IntegrationActions({ id }: { id: string }) {
  const [result, setResult] = useState<IntegrationResult | undefined>();
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<IntegrationResult>) =>
    startTransition(async () => {
      setResult(undefined);
      setResult(await work());
    });
  return (
    <>
      <button type="button" disabled={pending} onClick={() => run(() => sendTestAction(id))}>
        {pending ? 'Sending…' : 'Send test'}
      </button>{' '}
      <button
        type="button"
        className="link"
        disabled={pending}
        aria-label={`Remove ${id}`}
        onClick={() => run(() => removeIntegrationAction(id))}
      >
        Remove
      </button>
      <span role="status" data-testid={`result-${id}`} className={result?.ok ? 'ok' : 'error'}>
        {result?.message ? ` ${result.message}` : ''}
      </span>
    </>
  );
}
