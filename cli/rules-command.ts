/** `surveyor rules --tenant T rules.yaml`: store custom risk rules and settings, then re-assess. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { withLocalTenant } from './local-stack.ts';
import { reassess } from './reassess.ts';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description(COMMAND_SUMMARIES.rules)
    .requiredOption('--tenant <tenant>', 'tenant id')
    .argument('<file>', 'risk-rules document (JSON or YAML)')
    .action((file: string, flags: { tenant: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        await data.config.putRules(readFileSync(file, 'utf8'), file);
        await reassess(data);
      }),
    );
}
