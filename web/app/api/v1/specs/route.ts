/** `GET /api/v1/specs` -> `{ specs: [{ name, title, version, openapi, hosts, operations, updatedAt }], conformance: [{ host, covered, endpoints, documented, shadow, methodNotInSpec, zombie }] }`. */
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }) => {
  const [specs, conformance] = await Promise.all([data.config.specs(), data.config.conformance()]);
  return Response.json({ specs, conformance });
});
