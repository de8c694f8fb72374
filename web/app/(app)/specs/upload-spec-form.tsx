'use client';
/** Uploads an OpenAPI document through `PUT /api/v1/specs/{name}` (the API customers automate with). */
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { DocumentProblems, verdictOf, type DocumentVerdict } from '../document-problems.tsx';

export function UploadSpecForm() {
  const router = useRouter();
  const [verdict, setVerdict] = useState<DocumentVerdict | undefined>();
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('document');
    const typed = String(form.get('name') ?? '').trim();
    if (!(file instanceof File) || file.size === 0) {
      setVerdict({ ok: false, message: 'Choose an OpenAPI document (JSON or YAML) to upload.' });
      return;
    }
    const name = typed || file.name.replace(/\.(ya?ml|json)$/i, '');
    startTransition(async () => {
      setVerdict(undefined);
      const response = await fetch(`/api/v1/specs/${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: await file.text(),
      });
      const result = await verdictOf(response, `Stored spec ${name}; findings re-assessed.`);
      setVerdict(result);
      if (result.ok) router.refresh();
    });
  };
  return (
    <>
      <form className="stack" onSubmit={submit} aria-label="Upload an OpenAPI document">
        <label>
          OpenAPI document
          <input
            name="document"
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml"
            required
          />
        </label>
        <label>
          Spec name
          <input name="name" placeholder="the file name; an upload with the same name replaces it" />
        </label>
        <div>
          <button type="submit" disabled={pending}>
            {pending ? 'Uploading…' : 'Upload spec'}
          </button>
        </div>
      </form>
      <DocumentProblems verdict={verdict} />
    </>
  );
}

export function RemoveSpecButton({ name }: { name: string }) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<DocumentVerdict | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="link"
        disabled={pending}
        aria-label={`Remove spec ${name}`}
        onClick={() =>
          startTransition(async () => {
            const response = await fetch(`/api/v1/specs/${encodeURIComponent(name)}`, { method: 'DELETE' });
            const result = await verdictOf(response, `Removed ${name}.`);
            setVerdict(result);
            if (result.ok) router.refresh();
          })
        }
      >
        Remove
      </button>
      {verdict?.ok === false && <DocumentProblems verdict={verdict} />}
    </>
  );
}
