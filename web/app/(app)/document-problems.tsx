'use client';
/**
 * What is wrong with an uploaded document (spec, rules), each problem with its line and JSON pointer;
 * `onSelect` (the rules editor) moves the caret to the line.
 */
import type { DocumentProblem } from '../../lib/api-errors.ts';

export interface DocumentVerdict {
  readonly ok: boolean;
  readonly message?: string;
  readonly problems?: readonly DocumentProblem[];
}

export function DocumentProblems({
  verdict,
  onSelect,
}: {
  verdict: DocumentVerdict | undefined;
  onSelect?: (line: number) => void;
}) {
  if (verdict?.message === undefined) return null;
  if (verdict.ok)
    return (
      <p className="ok" role="status">
        {verdict.message}
      </p>
    );
  const problems = verdict.problems ?? [];
  return (
    <div role="alert" className="problems">
      <p className="error">{problems.length > 0 ? headline(verdict.message) : verdict.message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i} data-testid="document-problem">
              {p.line !== undefined && onSelect !== undefined ? (
                <button type="button" className="link" onClick={() => onSelect(p.line!)}>
                  Line {p.line}
                </button>
              ) : (
                p.line !== undefined && <strong>Line {p.line}</strong>
              )}
              {p.pointer && (
                <>
                  {' '}
                  <code>{p.pointer}</code>
                </>
              )}
              {p.line !== undefined || p.pointer ? ': ' : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The first line of a validation message (`shop: invalid API specification`); the list says the rest. */
function headline(message: string): string {
  return message.split('\n')[0] ?? message;
}
