'use client';
import { useActionState } from 'react';
import { issueKeyAction, type IssuedKeyView } from './actions.ts';

export function IssueKeyForm() {
  const [state, action, pending] = useActionState<IssuedKeyView, FormData>(issueKeyAction, { ok: false });
  return (
    <>
      <form className="inline" action={action}>
        <label>
          Source name
          <input name="source" placeholder="edge-nginx" pattern="[a-z0-9][a-z0-9-]{0,62}" />
        </label>
        <label title="Binds the key: only requests signed in this AWS account (the AWS forwarder) are accepted">
          AWS account (optional)
          <input name="awsAccount" placeholder="123456789012" inputMode="numeric" pattern="[0-9]{12}" />
        </label>
        <button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create ingest key'}
        </button>
      </form>
      {state.message && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.key && (
        <section aria-label="New ingest key">
          <p>
            <strong>Copy this key now: it is shown once and stored only as a hash.</strong>
          </p>
          <p className="secret" data-testid="ingest-key">
            {state.key}
          </p>
          {state.quickCreateUrl && (
            <p>
              <a href={state.quickCreateUrl} target="_blank" rel="noreferrer">
                Launch the forwarder stack in AWS CloudFormation
              </a>{' '}
              (paste the key into the IngestKey parameter).
            </p>
          )}
          <p>Send a file of access logs to try it:</p>
          <pre>{state.curl}</pre>
        </section>
      )}
    </>
  );
}
