/** `DELETE /api/v1/integrations/{id}`: stops and removes one of the tenant's integrations. */
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const DELETE = withTenant(
  async (_request, { data }, { id }) => {
    await data.integrations.remove(id ?? '');
    return new Response(null, { status: 204 });
  },
  { write: true },
);
