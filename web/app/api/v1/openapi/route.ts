/** `GET /api/v1/openapi`: the tenant's discovered inventory as an OpenAPI 3.1 document. */
import { toOpenApi } from '#shared/inventory/openapi-export';
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }) => {
  const document = toOpenApi(await data.inventory.list());
  return Response.json(document, {
    headers: { 'content-disposition': 'attachment; filename="discovered-openapi.json"' },
  });
});
