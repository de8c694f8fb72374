import { listApiTokens } from '#shared/accounts/api-tokens';
import { listMembers } from '#shared/accounts/members';
import { serverDeps } from '../../../lib/server-deps.ts';
import { pageTenant } from '../../../lib/tenant-context.ts';
import { InviteForm, RemoveMemberButton, RevokeTokenButton, TokenForm } from './forms.tsx';

export default async function SettingsPage() {
  const { data, role, canWrite, membership } = await pageTenant();
  const { accounts } = serverDeps();
  const [members, tokens] = await Promise.all([
    listMembers(accounts, data.tenantId),
    listApiTokens(accounts, data.tenantId),
  ]);
  const owner = role === 'owner';
  return (
    <main>
      <h1>Settings</h1>
      <h2>Members</h2>
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            {owner && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.email}>
              <td>{m.email}</td>
              <td>{m.role}</td>
              {owner && <td>{m.email !== membership.email && <RemoveMemberButton email={m.email} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {owner ? <InviteForm /> : <p className="muted">Only owners invite and remove members.</p>}
      <h2>API tokens</h2>
      <p className="muted">
        Call <code>/api/v1</code> with <code>Authorization: Bearer &lt;token&gt;</code>. Tokens are stored
        hashed.
      </p>
      {tokens.length === 0 ? (
        <p className="muted">No API tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.tokenId}>
                <td>{t.name}</td>
                <td>{t.role}</td>
                <td>
                  {t.createdAt} by {t.createdBy}
                </td>
                <td>
                  {t.revokedAt ? (
                    `revoked ${t.revokedAt}`
                  ) : canWrite ? (
                    <RevokeTokenButton tokenId={t.tokenId} />
                  ) : (
                    'active'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && <TokenForm />}
    </main>
  );
}
