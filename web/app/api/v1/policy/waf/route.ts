/**
 * `GET /api/v1/policy/waf?type=<finding type>[&status=open][&spec=<name>]`: the endpoints the tenant's
 * findings of one type flag, as an AWS WAFv2 CreateRuleGroup JSON document (a download), the same
 * export as `surveyor findings --policy TYPE --waf OUT`. `method-not-in-spec` exports one spec's
 * undocumented methods: name it with `spec` when the tenant has several. 409 when nothing fits.
 */
import { FINDING_STATUSES, type FindingStatus } from '#events/finding.schema';
import { wafRuleGroupFor } from '#shared/policy/export-policy';
import { BadRequestError, NotFoundError } from '../../../../../lib/api-errors.ts';
import { withTenant } from '../../../../../lib/tenant-context.ts';

export const GET = withTenant(async (request, { data }) => {
  const query = new URL(request.url).searchParams;
  const type = query.get('type') ?? '';
  if (!/^[a-z0-9:-]{1,80}$/i.test(type))
    throw new BadRequestError('Name a finding type: ?type=shadow-endpoint');
  const status = query.get('status') ?? 'open';
  if (!(FINDING_STATUSES as readonly string[]).includes(status))
    throw new BadRequestError(`status must be one of ${FINDING_STATUSES.join(', ')}`);
  const specName = query.get('spec');
  const [findings, config, named] = await Promise.all([
    data.findings.list(status as FindingStatus),
    data.config.load(),
    specName === null ? undefined : data.config.spec(specName),
  ]);
  if (specName !== null && named === undefined) throw new NotFoundError('spec');
  const group = wafRuleGroupFor({
    type,
    findings,
    specs: named === undefined ? config.specs : [named],
    rules: config.rules,
  });
  return new Response(JSON.stringify(group, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json',
      'content-disposition': `attachment; filename="${group.Name}.waf.json"`,
    },
  });
});
