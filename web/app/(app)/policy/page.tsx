import { EXTERNAL_FINDING_TYPES } from '#shared/findings/catalogue-external';
import { pageTenant } from '../../../lib/tenant-context.ts';

/** External scans' findings name hosts and ports, not endpoints a WAF rule could match. */
const EXTERNAL: ReadonlySet<string> = new Set(EXTERNAL_FINDING_TYPES);

export default async function PolicyPage() {
  const { data } = await pageTenant();
  const [open, specs] = await Promise.all([data.findings.list('open'), data.config.specs()]);
  const counts = new Map<string, number>();
  for (const f of open) if (!EXTERNAL.has(f.type)) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  const types = [...counts].sort(([a], [b]) => a.localeCompare(b));
  const link = (type: string, spec?: string) =>
    `/api/v1/policy/waf?${new URLSearchParams({ type, status: 'open', ...(spec && { spec }) })}`;
  return (
    <main>
      <h1>Policy export</h1>
      <p className="muted">
        Turn open findings into an AWS WAFv2 rule group (CreateRuleGroup JSON). Built-in types count matching
        requests first, so you can watch before you block; custom rules use their own <code>action</code>.
      </p>
      {types.length === 0 ? (
        <p className="empty">
          No open findings to export. Findings appear once traffic arrives (see Onboarding) and after you
          upload specs or save rules.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Finding type</th>
              <th className="num">Open</th>
              <th>WAFv2 rule group</th>
            </tr>
          </thead>
          <tbody>
            {types.map(([type, count]) => (
              <tr key={type}>
                <td>
                  <code>{type}</code>
                </td>
                <td className="num">{count}</td>
                <td>
                  {type === 'method-not-in-spec' && specs.length > 1 ? (
                    specs.map((s) => (
                      <span key={s.name}>
                        <a href={link(type, s.name)} download>
                          Download for spec {s.name}
                        </a>{' '}
                      </span>
                    ))
                  ) : (
                    <a href={link(type)} download aria-label={`Download WAFv2 JSON for ${type}`}>
                      Download WAFv2 JSON
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>Or from a terminal:</p>
      <pre>{`npx surveyor findings --tenant ${data.tenantId} --status open --policy shadow-endpoint --waf shadow.waf.json`}</pre>
    </main>
  );
}
