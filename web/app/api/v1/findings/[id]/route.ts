/** `GET /api/v1/findings/{id}`: one finding; 404 for an unknown id, including another tenant's. */
import { NotFoundError } from '../../../../../lib/api-errors.ts';
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }, { id }) => {
  const finding = await data.findings.get(id ?? '');
  if (finding === undefined) throw new NotFoundError('finding');
  return Response.json(finding);
});
