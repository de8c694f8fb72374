/** `surveyor inventory --tenant T [--json]`: a tenant's stored inventory from the local stack. */
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { withLocalTenant } from './local-stack.ts';
import { renderTable } from './render-table.ts';

export function registerInventory(program: Command): void {
  program
    .command('inventory')
    .description(COMMAND_SUMMARIES.inventory)
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--json', 'print one JSON document, in the shape of `analyze --json`', false)
    .action(async (flags: { tenant: string; json: boolean }) => {
      const endpoints = await withLocalTenant(flags.tenant, (data) => data.inventory.list());
      process.stdout.write((flags.json ? JSON.stringify({ endpoints }) : renderTable(endpoints)) + '\n');
    });
}
