'use client';
/** Uploads an OpenAPI document (the file's text, under its name or the one typed) and shows what is wrong with it. */
import { useState, useTransition, type FormEvent } from 'react';
import { DocumentProblems, type DocumentVerdict } from '../document-problems.tsx';
import { removeSpecAction, uploadSpecAction } from './actions.ts';

export function UploadSpecForm() {
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
      setVerdict(await uploadSpecAction(name, await file.text()));
    });
  };
  return (
    <>
      <form className="stack" onSubmit={submit} aria-label="Upload a spec">
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
  const [verdict, setVerdict] = useState<DocumentVerdict | undefined>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        className="link"
        disabled={pending}
        aria-label={`Remove spec ${name}`}
        onClick={() => startTransition(async () => setVerdict(await removeSpecAction(name)))}
      >
        Remove
      </button>
      {verdict?.ok === false && <DocumentProblems verdict={verdict} />}
    </>
  );
}
