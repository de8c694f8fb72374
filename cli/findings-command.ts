/**
 * `surveyor findings --tenant T [--status S] [--json] [--policy TYPE --waf OUT --apigw-policy OUT]`:
 * a tenant's findings from the local stack, or one type exported as policy.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { FINDING_STATUSES, type FindingStatus } from '#events/finding.schema';
import { withLocalTenant } from './local-stack.ts';
import { addPolicyOptions, checkPolicyFlags, writePolicies, type PolicyFlags } from './policy-output.ts';
import { renderFindings } from './render-table.ts';

export function registerFindings(program: Command): void {
  addPolicyOptions(
    program
      .command('findings')
      .description(COMMAND_SUMMARIES.findings)
      .requiredOption('--tenant <tenant>', 'tenant id')
      .option('--status <status>', `only ${FINDING_STATUSES.join(', ')}`, parseStatus)
      .option('--json', 'print one JSON document', false),
  ).action((flags: PolicyFlags & { tenant: string; status?: FindingStatus; json: boolean }) => {
    checkPolicyFlags(flags);
    return withLocalTenant(flags.tenant, async (data) => {
      const findings = await data.findings.list(flags.status);
      if (flags.policy !== undefined) {
        const config = await data.config.load();
        writePolicies(flags, { findings, specs: config.specs, rules: config.rules });
        return;
      }
      process.stdout.write((flags.json ? JSON.stringify({ findings }) : renderFindings(findings)) + '\n');
    });
  });
}

function parseStatus(value: string): FindingStatus {
  if (!(FINDING_STATUSES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`use one of ${FINDING_STATUSES.join(', ')}`);
  return value as FindingStatus;
}
