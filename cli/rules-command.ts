/** `surveyor rules --tenant T rules.yaml`: store custom risk rules and settings, then re-assess. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withLocalTenant } from './local-stack.ts';
import { reassess } from './reassess.ts';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description("store a tenant's risk rules and settings (validated) in the local stack, then re-assess")
    .requiredOption('--tenant <tenant>', 'tenant id')
    .argument('<file>', 'risk-rules document (JSON or YAML)')
    .action((file: string, flags: { tenant: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        await data.config.putRules(readFileSync(file, 'utf8'), file);
        await reassess(data);
      }),
    );
}
