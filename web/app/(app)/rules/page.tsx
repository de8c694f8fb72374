import { pageTenant } from '../../../lib/tenant-context.ts';
import { RulesEditor } from './rules-editor.tsx';

/** What a tenant without rules starts from: one custom category and the settings, commented. */
const STARTER = `# Custom risk categories: each rule becomes findings of type custom:<id>.
rules:
  - id: billing-external
    category: Billing reachable from the internet
    severity: high
    action: count # what the WAF export does with matching requests: count or block
    match:
      path: /billing/**
      exposure: external
# What the built-in categories judge against.
settings:
  expectedCountries: [US]
`;

export default async function RulesPage() {
  const { data, canWrite } = await pageTenant();
  const stored = await data.config.rules();
  return (
    <main>
      <h1>Rules</h1>
      <p className="muted">
        Custom risk categories (<code>custom:&lt;id&gt;</code> findings) and the settings the built-in ones
        use. Saving validates the document and re-assesses every endpoint at once.
      </p>
      {stored === undefined ? (
        <p className="empty">
          No rules saved yet.{' '}
          {canWrite ? 'Start from the example below and save it.' : 'Ask an owner or admin to write some.'}
        </p>
      ) : (
        <p className="muted">Last saved {stored.updatedAt}.</p>
      )}
      <RulesEditor initial={stored === undefined ? STARTER : readable(stored.text)} canWrite={canWrite} />
    </main>
  );
}

/** A one-line JSON document (as the CLI or the API may store it) opened for editing, indented. */
function readable(text: string): string {
  if (text.includes('\n') || !text.trimStart().startsWith('{')) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2) + '\n';
  } catch {
    return text;
  }
}
