/**
 * `GET /api/v1/rules` -> `{ rules: { text, source, updatedAt } | null }`; `PUT` with the risk-rules
 * document (JSON or YAML) as the body validates, stores and re-assesses -> `{ rules, assessment }`;
 * an invalid document -> 400 `{ error: 'invalid-rules', message, problems: [{ message, pointer, line }] }`.
 */
import { RULES_LIMITS } from '#shared/documents/document-limits';
import { documentText } from '../../../../lib/document-body.ts';
import { withTenant } from '../../../../lib/tenant-context.ts';

export const GET = withTenant(async (_request, { data }) =>
  Response.json({ rules: (await data.config.rules()) ?? null }),
);

export const PUT = withTenant(
  async (request, { data }) => {
    await data.config.putRules(await documentText(request, RULES_LIMITS), 'rules');
    const assessment = await data.config.reassess();
    return Response.json({ rules: await data.config.rules(), assessment });
  },
  { write: true },
);
