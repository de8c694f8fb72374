/**
 * A tenant's alert integrations in the running local stack (npm start), through the tenant-scoped
 * data access module (as the portal's integrations page):
 *   surveyor integrations add --tenant T --type webhook|slack|pagerduty --url URL [--secret whsec_...]
 *                             [--routing-key K] [--min-severity S] [--events a,b] [--name N]
 *   surveyor integrations list --tenant T [--json]
 *   surveyor integrations test <id> --tenant T
 *   surveyor integrations remove <id> --tenant T
 *   surveyor integrations rotate-secret <id> --tenant T [--secret whsec_...]
 *   surveyor integrations dead-letters --tenant T [--json]
 * Unsafe or malformed destinations are refused with the reason (exit 1).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { ALERT_EVENT_TYPES } from '#events/alert-event.schema';
import { INTEGRATION_TYPES } from '#events/integration.schema';
import { SEVERITIES } from '#shared/findings/catalogue';
import { withLocalTenant } from './local-stack.ts';
import { renderIntegrations } from './render-integrations.ts';

interface AddFlags {
  tenant: string;
  type: string;
  url?: string;
  secret?: string;
  routingKey?: string;
  minSeverity?: string;
  events?: string[];
  name?: string;
}

export function registerIntegrations(program: Command): void {
  const integrations = program.command('integrations').description(COMMAND_SUMMARIES.integrations);

  integrations
    .command('add')
    .description('add an integration; its destination is checked and its secrets sealed')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--type <type>', INTEGRATION_TYPES.join(' | '), choice(INTEGRATION_TYPES))
    .option(
      '--url <url>',
      'webhook receiver or Slack incoming-webhook URL (PagerDuty: its Events API v2 by default)',
    )
    .option('--secret <whsec>', 'webhook signing secret (generated and shown once when absent)')
    .option('--routing-key <key>', 'PagerDuty integration (routing) key')
    .option(
      '--min-severity <severity>',
      `least severity sent (default medium): ${SEVERITIES.join(', ')}`,
      choice(SEVERITIES),
    )
    .option(
      '--events <types>',
      `comma-separated event types (default all): ${ALERT_EVENT_TYPES.join(', ')}`,
      list,
    )
    .option('--name <name>', 'a name to recognise it by')
    .action((flags: AddFlags) =>
      withLocalTenant(flags.tenant, async (data) => {
        const { tenant: _tenant, ...given } = flags;
        const input = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
        const { integration, generatedSecret } = await data.integrations.add(input);
        process.stdout.write(`added ${integration.id} ${integration.type} ${integration.destination}\n`);
        if (generatedSecret !== undefined)
          process.stdout.write(
            `signing secret (shown once, keep it to verify deliveries): ${generatedSecret}\n`,
          );
      }),
    );

  integrations
    .command('list')
    .description("list a tenant's integrations (secrets only as hints)")
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print one JSON document', false)
    .action((flags: { tenant: string; json: boolean }) =>
      withLocalTenant(flags.tenant, async (data) => {
        const found = await data.integrations.list();
        process.stdout.write(
          (flags.json ? JSON.stringify({ integrations: found }) : renderIntegrations(found)) + '\n',
        );
      }),
    );

  integrations
    .command('test')
    .description('send a test finding.opened (PagerDuty: trigger, then resolve) and report the answer')
    .argument('<id>', 'integration id (from integrations list)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .action((id: string, flags: { tenant: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        const outcome = await data.integrations.sendTest(id);
        if (outcome.kind !== 'delivered')
          throw new Error(`${id}: not delivered after ${outcome.attempts} attempt(s): ${outcome.reason}`);
        process.stdout.write(`${id}: delivered (HTTP ${outcome.status}, ${outcome.attempts} attempt(s))\n`);
      }),
    );

  integrations
    .command('remove')
    .description('remove an integration')
    .argument('<id>', 'integration id')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .action((id: string, flags: { tenant: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        await data.integrations.remove(id);
        process.stdout.write(`removed ${id}\n`);
      }),
    );

  integrations
    .command('rotate-secret')
    .description(
      'give a webhook a new signing secret; messages carry both signatures until the next rotation',
    )
    .argument('<id>', 'integration id')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--secret <whsec>', 'the new secret (generated when absent)')
    .action((id: string, flags: { tenant: string; secret?: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        const secret = await data.integrations.rotateSecret(id, flags.secret);
        process.stdout.write(`new signing secret (shown once): ${secret}\n`);
      }),
    );

  integrations
    .command('dead-letters')
    .description('deliveries given up, with their reason (kept 14 days)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print one JSON document', false)
    .action((flags: { tenant: string; json: boolean }) =>
      withLocalTenant(flags.tenant, async (data) => {
        const letters = await data.integrations.deadLetters();
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ deadLetters: letters })}\n`
            : letters.map((l) => `${l.at} ${l.integrationId} ${l.type} ${l.eventId}: ${l.reason}\n`).join(''),
        );
      }),
    );
}

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`use one of ${values.join(', ')}`);
    return value as T;
  };
}

function list(value: string): string[] {
  const items = value.split(',').map((v) => v.trim());
  const unknown = items.filter((v) => !(ALERT_EVENT_TYPES as readonly string[]).includes(v));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown event type(s) ${unknown.join(', ')}`);
  return items;
}
