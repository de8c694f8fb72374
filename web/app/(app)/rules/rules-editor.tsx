'use client';
/**
 * The risk-rules editor: checked as you type (a pause of half a second) and saved; every problem
 * names its line, and choosing it moves the caret there.
 */
import { useEffect, useRef, useState, useTransition } from 'react';
import { DocumentProblems, type DocumentVerdict } from '../document-problems.tsx';
import { checkRulesAction, saveRulesAction } from './actions.ts';

export function RulesEditor({ initial, canWrite }: { initial: string; canWrite: boolean }) {
  const editor = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [verdict, setVerdict] = useState<DocumentVerdict | undefined>();
  const [pending, startTransition] = useTransition();
  const edited = text !== saved;

  useEffect(() => {
    if (!edited) return;
    const timer = setTimeout(() => void checkRulesAction(text).then(setVerdict), 500);
    return () => clearTimeout(timer);
  }, [text, edited]);

  const goToLine = (line: number) => {
    const area = editor.current;
    if (area === null) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  const save = () =>
    startTransition(async () => {
      const result = await saveRulesAction(text);
      setVerdict(result);
      if (result.ok) setSaved(text);
    });

  return (
    <form
      className="stack"
      aria-label="Rules editor"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        Rules document (YAML or JSON)
        <textarea
          ref={editor}
          name="rules"
          rows={22}
          spellCheck={false}
          readOnly={!canWrite}
          value={text}
          aria-describedby="rules-verdict"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div id="rules-verdict">
        <DocumentProblems verdict={verdict} onSelect={goToLine} />
      </div>
      {canWrite && (
        <div>
          <button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save rules'}
          </button>
        </div>
      )}
    </form>
  );
}
