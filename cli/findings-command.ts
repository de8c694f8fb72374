/**
 * A tenant's risk configuration and findings in the running local stack (npm start):
 *   surveyor rules --tenant T rules.json          store custom rules and settings, re-assess
 *   surveyor spec --tenant T [--name N] api.yaml  store an OpenAPI document, re-assess
 *   surveyor findings --tenant T [--status S] [--json] [--policy TYPE --waf OUT --apigw-policy OUT]
 *   surveyor finding resolve|acknowledge|suppress|reopen ID --tenant T --by WHO --reason WHY
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { FINDING_STATUSES, type FindingStatus } from '#events/finding.schema';
import { loadTenantConfig, putRiskRules, putSpec } from '#shared/tenancy/tenant-config';
import { assessTenant } from '#shared/findings/assess-tenant';
import type { FindingAction } from '#shared/findings/lifecycle';
import { changeFindingStatus, listFindings } from '#shared/findings/store';
import { tenantScope } from '#shared/tables/keys';
import { connectLocalStack, explainUnreachable, type LocalStack } from './local-stack.ts';
import { addPolicyOptions, checkPolicyFlags, writePolicies, type PolicyFlags } from './policy-output.ts';
import { renderFindings } from './render-table.ts';

const ACTIONS: readonly FindingAction[] = ['acknowledge', 'resolve', 'suppress', 'reopen'];

export function registerFindings(program: Command): void {
  program
    .command('rules')
    .description("store a tenant's risk rules and settings (validated) in the local stack, then re-assess")
    .requiredOption('--tenant <tenant>', 'tenant id')
    .argument('<file>', 'risk-rules document (JSON or YAML)')
    .action((file: string, flags: { tenant: string }) =>
      withStack(flags.tenant, async (stack) => {
        await putRiskRules(configTable(stack), flags.tenant, readFileSync(file, 'utf8'), file);
        await reassess(stack, flags.tenant);
      }),
    );

  program
    .command('spec')
    .description(
      'store an OpenAPI 2.0/3.x document (validated) for a tenant in the local stack, then re-assess',
    )
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--name <name>', 'name to store it under (default: the file name); replaces an earlier upload')
    .argument('<file>', 'OpenAPI document (JSON or YAML)')
    .action((file: string, flags: { tenant: string; name?: string }) =>
      withStack(flags.tenant, async (stack) => {
        const name = flags.name ?? basename(file, extname(file));
        const model = await putSpec(configTable(stack), flags.tenant, name, readFileSync(file, 'utf8'));
        process.stderr.write(
          `stored spec ${name}: ${model.title} ${model.version}, ${model.operations.length} operations\n`,
        );
        await reassess(stack, flags.tenant);
      }),
    );

  addPolicyOptions(
    program
      .command('findings')
      .description("print a tenant's findings from the local stack, or export one type as policy")
      .requiredOption('--tenant <tenant>', 'tenant id')
      .option('--status <status>', `only ${FINDING_STATUSES.join(', ')}`, parseStatus)
      .option('--json', 'print one JSON document', false),
  ).action((flags: PolicyFlags & { tenant: string; status?: FindingStatus; json: boolean }) => {
    checkPolicyFlags(flags);
    return withStack(flags.tenant, async (stack) => {
      const findings = await listFindings(findingsTable(stack), flags.tenant, flags.status);
      if (flags.policy !== undefined) {
        const config = await loadTenantConfig(configTable(stack), flags.tenant);
        writePolicies(flags, { findings, specs: config.specs, rules: config.rules });
        return;
      }
      process.stdout.write((flags.json ? JSON.stringify({ findings }) : renderFindings(findings)) + '\n');
    });
  });

  program
    .command('finding')
    .description('change the status of one finding, saying who and why')
    .argument('<action>', ACTIONS.join(', '), parseAction)
    .argument('<id>', 'finding id (from surveyor findings --json)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--by <who>', 'who makes the change')
    .requiredOption('--reason <why>', 'why')
    .action((action: FindingAction, id: string, flags: { tenant: string; by: string; reason: string }) =>
      withStack(flags.tenant, async (stack) => {
        const at = new Date().toISOString();
        const finding = await changeFindingStatus(findingsTable(stack), flags.tenant, id, action, {
          ...flags,
          at,
        });
        process.stdout.write(`${finding.id} ${finding.type} ${finding.subject}: ${finding.status}\n`);
      }),
    );
}

async function withStack(tenant: string, work: (stack: LocalStack) => Promise<void>): Promise<void> {
  tenantScope(tenant);
  const stack = connectLocalStack();
  try {
    await work(stack);
  } catch (error) {
    throw explainUnreachable(error);
  }
}

/** The tenant-wide assessment, so an upload shows its effect at once. */
async function reassess(stack: LocalStack, tenant: string): Promise<void> {
  const config = await loadTenantConfig(configTable(stack), tenant);
  const result = await assessTenant(
    {
      doc: stack.clients.doc,
      inventoryTable: stack.names.inventoryTable,
      findingsTable: stack.names.findingsTable,
    },
    tenant,
    config,
    new Date().toISOString(),
  );
  process.stderr.write(
    `${result.current} findings now (${result.written} written, ${result.resolved} resolved as no longer shown)\n`,
  );
}

function configTable(stack: LocalStack) {
  return { doc: stack.clients.doc, tableName: stack.names.inventoryTable };
}

function findingsTable(stack: LocalStack) {
  return { doc: stack.clients.doc, tableName: stack.names.findingsTable };
}

function parseStatus(value: string): FindingStatus {
  if (!(FINDING_STATUSES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`use one of ${FINDING_STATUSES.join(', ')}`);
  return value as FindingStatus;
}

function parseAction(value: string): FindingAction {
  if (!(ACTIONS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`use one of ${ACTIONS.join(', ')}`);
  return value as FindingAction;
}
