/** `surveyor spec --tenant T [--name N] api.yaml`: store an OpenAPI document, then re-assess. */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { withLocalTenant } from './local-stack.ts';
import { reassess } from './reassess.ts';

export function registerSpec(program: Command): void {
  program
    .command('spec')
    .description(COMMAND_SUMMARIES.spec)
    .requiredOption('--tenant <tenant>', 'tenant id')
    .option('--name <name>', 'name to store it under (default: the file name); replaces an earlier upload')
    .argument('<file>', 'OpenAPI document (JSON or YAML)')
    .action((file: string, flags: { tenant: string; name?: string }) =>
      withLocalTenant(flags.tenant, async (data) => {
        const name = flags.name ?? basename(file, extname(file));
        const model = await data.config.putSpec(name, readFileSync(file, 'utf8'));
        process.stderr.write(
          `stored spec ${name}: ${model.title} ${model.version}, ${model.operations.length} operations\n`,
        );
        await reassess(data);
      }),
    );
}
