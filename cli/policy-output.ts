/** `--policy TYPE --waf OUT --apigw-policy OUT`, shared by `analyze` and `findings`. */
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { apiGatewayPolicyFor, wafRuleGroupFor, type PolicyExportInput } from '#shared/policy/export-policy';

export interface PolicyFlags {
  policy?: string;
  waf?: string;
  apigwPolicy?: string;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .option('--policy <type>', 'export the endpoints of one finding type (e.g. custom:<rule-id>) as policy')
    .option('--waf <out>', 'with --policy: write an AWS WAFv2 CreateRuleGroup JSON document')
    .option('--apigw-policy <out>', 'with --policy: write an API Gateway resource-policy JSON document');
}

/** Rejects half-given policy flags before any work is done. */
export function checkPolicyFlags(flags: PolicyFlags): void {
  const outputs = flags.waf !== undefined || flags.apigwPolicy !== undefined;
  if (outputs && flags.policy === undefined)
    throw new InvalidArgumentError('--waf and --apigw-policy need --policy <finding type>');
  if (!outputs && flags.policy !== undefined)
    throw new InvalidArgumentError('--policy needs --waf <out> or --apigw-policy <out>');
}

/** Writes the requested policy documents for `flags.policy`. */
export function writePolicies(flags: PolicyFlags, input: Omit<PolicyExportInput, 'type'>): void {
  if (flags.policy === undefined) return;
  const request = { ...input, type: flags.policy };
  if (flags.waf !== undefined) writeJson(flags.waf, wafRuleGroupFor(request));
  if (flags.apigwPolicy !== undefined) writeJson(flags.apigwPolicy, apiGatewayPolicyFor(request));
}

function writeJson(out: string, value: unknown): void {
  writeFileSync(out, JSON.stringify(value, null, 2) + '\n');
}
