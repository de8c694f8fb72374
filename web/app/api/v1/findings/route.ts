/** `GET /api/v1/findings?status=&type=&severity=&limit=&cursor=` -> `{ findings, nextCursor }` */
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (request, { data }) => {
  const query = new URL(request.url).searchParams;
  const page = await data.findings.page({
    status: query.get('status'),
    type: query.get('type'),
    severity: query.get('severity'),
    limit: query.get('limit'),
    cursor: query.get('cursor'),
  });
  return Response.json(page);
});
