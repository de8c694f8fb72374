/**
 * `POST /api/v1/ingest-keys/{id}/rotate`: a new forwarder credential for the same source, returned
 * this once, and the old key revoked (the intake refuses it at once) ->
 * 201 `{ key, keyId, source, version, revokedKeyId, intakeUrl, quickCreateUrl? }`.
 */
import { withTenant } from '../../../../../../lib/tenant-context.ts';

export const POST = withTenant(
  async (_request, { keys }, { id }) => {
    const rotated = await keys.rotate(id ?? '');
    return Response.json(
      {
        key: rotated.key,
        keyId: rotated.keyId,
        source: rotated.source,
        version: rotated.version,
        createdAt: rotated.createdAt,
        revokedKeyId: rotated.revokedKeyId,
        intakeUrl: rotated.intakeUrl,
        ...(rotated.quickCreateUrl && { quickCreateUrl: rotated.quickCreateUrl }),
      },
      { status: 201 },
    );
  },
  { write: true },
);
