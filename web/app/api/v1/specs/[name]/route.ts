/**
 * `GET /api/v1/specs/{name}`; `PUT` with the OpenAPI document (JSON or YAML) as the body stores it
 * under `name` (replacing an earlier upload) and re-assesses the tenant -> `{ spec, assessment }`;
 * an invalid document -> 400 `{ error: 'invalid-spec', message, problems: [{ message, pointer, line }] }`.
 * `DELETE` removes it and re-assesses.
 */
import { SPEC_LIMITS } from '#shared/documents/document-limits';
import { NotFoundError } from '../../../../../lib/api-errors.ts';
import { documentText } from '../../../../../lib/document-body.ts';
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }, { name }) => {
  const spec = (await data.config.specs()).find((s) => s.name === name);
  if (spec === undefined) throw new NotFoundError('spec');
  return Response.json({ spec });
});

export const PUT = withTenant(
  async (request, { data }, { name }) => {
    await data.config.putSpec(name ?? '', await documentText(request, SPEC_LIMITS));
    const assessment = await data.config.reassess();
    const spec = (await data.config.specs()).find((s) => s.name === name);
    return Response.json({ spec, assessment });
  },
  { write: true },
);

export const DELETE = withTenant(
  async (_request, { data }, { name }) => {
    if (!(await data.config.specs()).some((s) => s.name === name)) throw new NotFoundError('spec');
    await data.config.deleteSpec(name ?? '');
    await data.config.reassess();
    return new Response(null, { status: 204 });
  },
  { write: true },
);
