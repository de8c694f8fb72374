/** `DELETE /api/v1/tokens/{id}`: revokes one of the tenant's tokens at once. */
import { revokeApiToken } from '#shared/accounts/api-tokens';
import { serverDeps } from '../../../../../lib/server-deps.ts';
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const DELETE = withTenant(
  async (_request, { data }, { id }) => {
    await revokeApiToken(serverDeps().accounts, data.tenantId, id ?? '');
    return new Response(null, { status: 204 });
  },
  { write: true },
);
