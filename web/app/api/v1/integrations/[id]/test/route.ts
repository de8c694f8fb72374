/**
 * `POST /api/v1/integrations/{id}/test`: a sample `finding.opened` (marked `data.test`) through the
 * real delivery path -> `{ outcome: { kind: 'delivered' | 'failed', attempts, status?, reason? } }`.
 */
import { withTenant } from '../../../../../../lib/tenant-context.ts';

export const POST = withTenant(
  async (_request, { data }, { id }) =>
    Response.json({ outcome: await data.integrations.sendTest(id ?? '') }),
  { write: true },
);
