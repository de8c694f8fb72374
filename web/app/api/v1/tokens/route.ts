/** `GET /api/v1/tokens` (the tenant's API tokens, no secrets); `POST { name, role }` -> `{ token, ... }` once. */
import { isRole } from '#shared/accounts/account-keys';
import { createApiToken, listApiTokens } from '#shared/accounts/api-tokens';
import { BadRequestError } from '../../../../lib/api-errors.ts';
import { serverDeps } from '../../../../lib/server-deps.ts';
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }) =>
  Response.json({ tokens: await listApiTokens(serverDeps().accounts, data.tenantId) }),
);

export const POST = withTenant(
  async (request, { data, membership }) => {
    const body = ((await request.json().catch(() => undefined)) ?? {}) as { name?: unknown; role?: unknown };
    const role = body.role ?? 'viewer';
    if (!isRole(role) || role === 'owner') throw new BadRequestError('role must be admin or viewer');
    const created = await createApiToken(serverDeps().accounts, data.tenantId, {
      name: typeof body.name === 'string' ? body.name : '',
      role,
      createdBy: membership.email,
    });
    return Response.json({ token: created.token, ...created.view }, { status: 201 });
  },
  { write: true },
);
