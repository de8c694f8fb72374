import { pageTenant } from '../../../lib/tenant-context.ts';
import { portalEnv } from '../../../lib/portal-env.ts';
import { AddIntegrationForm, IntegrationActions } from './forms.tsx';

export default async function IntegrationsPage() {
  const { data, canWrite } = await pageTenant();
  if (portalEnv().alerts === undefined)
    return (
      <main>
        <h1>Integrations</h1>
        <p className="muted">Alert integrations are not configured in this deployment (ALERTS_TABLE).</p>
      </main>
    );
  const integrations = await data.integrations.list();
  return (
    <main>
      <h1>Integrations</h1>
      <p className="muted">
        New and changed findings, and newly discovered endpoints, go to Slack, PagerDuty or any system through
        signed webhooks. Destination URLs and secrets are stored sealed and shown here only as hints.
      </p>
      {integrations.length === 0 ? (
        <p className="empty">
          No integrations yet.{' '}
          {canWrite
            ? 'Add one below, then use “Send test” to check it arrives.'
            : 'Ask an owner or admin to add one.'}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Integration</th>
              <th>Type</th>
              <th>Destination</th>
              <th>Secret</th>
              <th>Sends</th>
              <th>State</th>
              {canWrite && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {integrations.map((i) => (
              <tr key={i.id} data-testid={`integration-${i.id}`}>
                <td>
                  {i.name ?? ''} <code>{i.id}</code>
                </td>
                <td>{i.type}</td>
                <td>
                  <code>{i.destination}</code>
                </td>
                <td>{i.secretHints?.join(', ') ?? '—'}</td>
                <td>
                  {i.minSeverity} and above; {i.events.join(', ')}
                </td>
                <td>{i.status === 'active' ? 'active' : `disabled: ${i.disabledReason ?? ''}`}</td>
                {canWrite && (
                  <td>
                    <IntegrationActions id={i.id} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add an integration</h2>
      {canWrite ? (
        <AddIntegrationForm />
      ) : (
        <p className="muted">Viewers can see integrations; owners and admins add, test and remove them.</p>
      )}
      <p>Or from a terminal:</p>
      <pre>{`npx surveyor integrations add --tenant ${data.tenantId} --type webhook --url https://example.com/hooks/surveyor`}</pre>
    </main>
  );
}
