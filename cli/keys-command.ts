/**
 * A tenant's ingest keys in the running local stack (npm start):
 *   surveyor keys create --tenant T [--source S] [--format F] [--host H] [--aws-account A] [--snippets | --json]
 *   surveyor keys list --tenant T [--json]
 *   surveyor keys revoke --tenant T KEY_ID
 *   surveyor keys rotate --tenant T [--json]   (a new key per active key under an older master version)
 * `create` prints the key last (the last token of its output): it is shown once and never stored.
 */
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import {
  issueKey,
  listKeys,
  revokeKey,
  rotateKeys,
  type OnboardingDeps,
} from '#shared/onboarding/ingest-keys';
import { tenantScope } from '#shared/tables/keys';
import { localMasterSecret } from '#local/stack/tenants';
import { connectLocalStack, explainUnreachable, type LocalStack } from './local-stack.ts';

interface CreateFlags {
  tenant: string;
  source?: string;
  format?: string;
  host?: string;
  path?: string;
  awsAccount?: string;
  snippets: boolean;
  json: boolean;
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description(COMMAND_SUMMARIES.keys);
  keys
    .command('create')
    .description('issue an ingest key (shown once) and print how to ship logs with it')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--source <source>', 'what ships with this key (one key per source; a new one rotates it)')
    .option('--format <format>', 'log format, for the shipper snippets', 'nginx')
    .option('--host <host>', 'default API host, for the shipper snippets')
    .option('--path <file>', 'access log the shipper tails, for the snippets')
    .option('--aws-account <id>', 'bind the key to this AWS account (IAM-signed intake requests only)')
    .option('--snippets', 'also print Fluent Bit and Vector configurations', false)
    .option('--json', 'print the whole onboarding result as JSON', false)
    .action((flags: CreateFlags) => withStack(flags.tenant, (stack) => create(stack, flags)));
  keys
    .command('list')
    .description("list a tenant's ingest keys (ids, sources, versions; never secrets)")
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON', false)
    .action((flags: { tenant: string; json: boolean }) =>
      withStack(flags.tenant, async ({ clients, names }) => {
        const list = await listKeys(clients.doc, names.inventoryTable, flags.tenant);
        if (flags.json) return void process.stdout.write(JSON.stringify({ keys: list }) + '\n');
        for (const k of list)
          process.stdout.write(
            `${k.keyId}  ${k.source} v${k.version}  master v${k.masterVersion}${k.awsAccount ? `  account ${k.awsAccount}` : ''}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`,
          );
      }),
    );
  keys
    .command('revoke')
    .description('revoke one of the tenant’s ingest keys')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .argument('<keyId>', 'the key id (ik_...) shown by `keys list`')
    .action((keyId: string, flags: { tenant: string }) =>
      withStack(flags.tenant, async ({ clients, names }) => {
        await revokeKey(
          { doc: clients.doc, table: names.inventoryTable, now: () => new Date() },
          flags.tenant,
          keyId,
        );
        process.stderr.write(`revoked ${keyId}\n`);
      }),
    );
  keys
    .command('rotate')
    .description('issue a key under the current master secret version for each older active key')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print JSON', false)
    .action((flags: { tenant: string; json: boolean }) =>
      withStack(flags.tenant, async (stack) => {
        const rotated = await rotateKeys(onboardingDeps(stack), flags.tenant);
        if (flags.json) return void process.stdout.write(JSON.stringify({ rotated }) + '\n');
        if (rotated.length === 0) process.stderr.write('every active key is on the current master version\n');
        for (const { replaces, issued } of rotated) {
          process.stderr.write(`${issued.keyId} (master v${issued.masterVersion}) replaces ${replaces}: `);
          process.stderr.write('deploy it, then revoke the old key; shown once:\n');
          process.stdout.write(`${issued.key}\n`);
        }
      }),
    );
}

function onboardingDeps({ clients, names, config }: LocalStack): OnboardingDeps {
  return {
    doc: clients.doc,
    table: names.inventoryTable,
    masterSecret: localMasterSecret(config.dataDir),
    now: () => new Date(),
    intakeUrl: `http://${config.host}:${config.ports.ingest}/v1/logs`,
  };
}

async function create(stack: LocalStack, flags: CreateFlags): Promise<void> {
  const issued = await issueKey(onboardingDeps(stack), {
    tenant: flags.tenant,
    source: flags.source,
    format: flags.format,
    host: flags.host,
    path: flags.path,
    awsAccount: flags.awsAccount,
  });
  if (flags.json) return void process.stdout.write(JSON.stringify(issued, null, 2) + '\n');
  const err = (text: string) => process.stderr.write(text + '\n');
  err(
    `Ingest key ${issued.keyId} for tenant ${issued.tenant}, source ${issued.source}, version ${issued.version}.`,
  );
  err(`Intake: POST ${issued.intakeUrl}?format=<nginx|apache|envoy|json|alb|apigw>&host=<default host>`);
  err(`Try it: ${issued.snippets.curl}`);
  if (flags.snippets)
    err(`\n# Fluent Bit\n${issued.snippets.fluentBit}\n# Vector\n${issued.snippets.vector}`);
  err('The key is shown once and stored only as a hash; keep it in your secret store:');
  process.stdout.write(`${issued.key}\n`);
}

async function withStack(tenant: string, run: (stack: LocalStack) => Promise<void>): Promise<void> {
  tenantScope(tenant);
  try {
    await run(connectLocalStack());
  } catch (error) {
    throw explainUnreachable(error);
  }
}
