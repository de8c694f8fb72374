/** `GET /api/v1/endpoints?limit=&cursor=&host=&method=&q=` -> `{ endpoints, nextCursor }` */
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (request, { data }) => {
  const query = new URL(request.url).searchParams;
  const page = await data.inventory.page({
    limit: query.get('limit'),
    cursor: query.get('cursor'),
    host: query.get('host'),
    method: query.get('method'),
    q: query.get('q'),
  });
  return Response.json(page);
});
