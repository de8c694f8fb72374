/**
 * `GET /api/v1/endpoints?limit=&cursor=&host=&method=&q=&auth=&exposure=&sensitive=&environment=&spec=&sort=&order=`
 * -> `{ endpoints, nextCursor }`. With filters a page may hold fewer than `limit` endpoints (even
 * none) while `nextCursor` is not null: keep following it to the end.
 */
import { ENDPOINT_QUERY_PARAMS } from '#shared/tenancy/endpoint-filters';
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (request, { data }) => {
  const query = new URL(request.url).searchParams;
  const page = await data.inventory.page(
    Object.fromEntries(ENDPOINT_QUERY_PARAMS.map((name) => [name, query.get(name)])),
  );
  return Response.json(page);
});
