import { pageTenant } from '../../../lib/tenant-context.ts';
import { portalEnv } from '../../../lib/portal-env.ts';
import { IssueKeyForm } from './issue-key-form.tsx';
import { RotateKeyButton } from './rotate-key-button.tsx';

export default async function OnboardingPage() {
  const { data, keys: ingestKeys, canWrite } = await pageTenant();
  const [keys, firstPage] = await Promise.all([ingestKeys.list(), data.inventory.page({ limit: 1 })]);
  const received = firstPage.endpoints.length > 0;
  const env = portalEnv();
  // Keys are issued in process (local mode) or by the onboarding function (AWS).
  const issuing = env.onboarding !== undefined || env.onboardingFunction !== undefined;
  const rotatable = canWrite && issuing;
  return (
    <main>
      <h1>Onboarding</h1>
      <p data-testid="data-status" className={received ? 'ok' : 'muted'}>
        {received ? '● Data received: your inventory is filling.' : '○ No data received yet.'}
      </p>
      <h2>1. Create an ingest key</h2>
      {!issuing ? (
        <p className="muted">Issuing keys is not configured in this deployment.</p>
      ) : canWrite ? (
        <IssueKeyForm />
      ) : (
        <p className="muted">Ask an owner or admin to create a key (viewers cannot).</p>
      )}
      <p>Or from a terminal:</p>
      <pre>{`npx surveyor keys create --tenant ${data.tenantId} --source edge-nginx --snippets`}</pre>
      {env.onboarding !== undefined && env.onboarding.templateUrl === undefined && (
        <p className="muted">
          The CloudFormation quick-create link for the AWS forwarder appears with a new key once a forwarder
          release is published (FORWARDER_TEMPLATE_URL).
        </p>
      )}
      <h2>2. Ship logs</h2>
      <p>
        Post access logs to the intake with the key as <code>Authorization: Bearer</code> (nginx, Apache,
        Envoy, JSON, ALB, API Gateway), or deploy the forwarder in your AWS account. The forwarder signs its
        requests with its own role, so its key can be bound to that account: a bound key is useless anywhere
        else.
      </p>
      <h2>Your keys</h2>
      {keys.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Key id</th>
              <th>Source</th>
              <th>AWS account</th>
              <th>Version</th>
              <th>Created</th>
              <th>State</th>
              {rotatable && <th>Rotate</th>}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.keyId}>
                <td>
                  <code>{k.keyId}</code>
                </td>
                <td>{k.source}</td>
                <td>{k.awsAccount ?? <span className="muted">any (not bound)</span>}</td>
                <td>{k.version}</td>
                <td>{k.createdAt}</td>
                <td>{k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}</td>
                {rotatable && <td>{k.revokedAt === undefined && <RotateKeyButton keyId={k.keyId} />}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
