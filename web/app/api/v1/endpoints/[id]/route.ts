/** `GET /api/v1/endpoints/{id}`: one endpoint; 404 for an unknown id, including another tenant's. */
import { NotFoundError } from '../../../../../lib/api-errors.ts';
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }, { id }) => {
  const endpoint = await data.inventory.get(id ?? '');
  if (endpoint === undefined) throw new NotFoundError('endpoint');
  return Response.json(endpoint);
});
