/**
 * `GET /api/v1/integrations` -> `{ integrations }` (destinations and secrets only as hints);
 * `POST` an integration input (`{ type, url, secret?, routingKey?, minSeverity?, events?, name? }`)
 * -> 201 `{ integration, secret? }`, a generated webhook secret returned this once.
 */
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }) =>
  Response.json({ integrations: await data.integrations.list() }),
);

export const POST = withTenant(
  async (request, { data }) => {
    const added = await data.integrations.add(await request.json().catch(() => undefined));
    return Response.json(
      { integration: added.integration, ...(added.generatedSecret && { secret: added.generatedSecret }) },
      { status: 201 },
    );
  },
  { write: true },
);
