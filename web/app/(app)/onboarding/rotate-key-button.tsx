'use client';
import { useState, useTransition } from 'react';
import { rotateKeyAction, type IssuedKeyView } from './actions.ts';

/** "Rotate" for one active key: the new key is shown here once; the old one stops working at once. */
export function RotateKeyButton({ keyId }: { keyId: string }) {
  const [result, setResult] = useState<(IssuedKeyView & { revokedKeyId?: string }) | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="link"
        disabled={pending}
        aria-label={`Rotate ${keyId}`}
        onClick={() => startTransition(async () => setResult(await rotateKeyAction(keyId)))}
      >
        {pending ? 'Rotating…' : 'Rotate'}
      </button>
      {result?.message && (
        <p className="error" role="alert">
          {result.message}
        </p>
      )}
      {result?.key && (
        <div role="status">
          <p>
            <strong>
              New key {result.keyId} replaces {result.revokedKeyId}, which no longer works. Copy it now: it is
              shown once.
            </strong>
          </p>
          <p className="secret" data-testid="rotated-key">
            {result.key}
          </p>
        </div>
      )}
    </>
  );
}
