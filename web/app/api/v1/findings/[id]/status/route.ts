/**
 * `POST /api/v1/findings/{id}/status` with `{ status, reason }`: acknowledge, resolve, suppress or
 * reopen as the caller. Viewers get 403; another tenant's id 404, as for reads.
 */
import { readStatusChange } from '../../../../../../lib/status-change.ts';
import { withTenant } from '../../../../../../lib/tenant-context.ts';

export const POST = withTenant(
  async (request, { data }, { id }) => {
    const { action, reason } = readStatusChange(await request.json().catch(() => undefined));
    return Response.json(await data.findings.changeStatus(id ?? '', action, reason));
  },
  { write: true },
);
