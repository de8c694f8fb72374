/** `surveyor finding resolve|acknowledge|suppress|reopen ID --tenant T --by WHO --reason WHY` */
import { InvalidArgumentError, type Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import type { FindingAction } from '#shared/findings/lifecycle';
import { withLocalTenant } from './local-stack.ts';

const ACTIONS: readonly FindingAction[] = ['acknowledge', 'resolve', 'suppress', 'reopen'];

export function registerFinding(program: Command): void {
  program
    .command('finding')
    .description(COMMAND_SUMMARIES.finding)
    .argument('<action>', ACTIONS.join(', '), parseAction)
    .argument('<id>', 'finding id (from surveyor findings --json)')
    .requiredOption('--tenant <tenant>', 'tenant id')
    .requiredOption('--by <who>', 'who makes the change')
    .requiredOption('--reason <why>', 'why')
    .action((action: FindingAction, id: string, flags: { tenant: string; by: string; reason: string }) =>
      withLocalTenant(
        flags.tenant,
        async (data) => {
          const finding = await data.findings.changeStatus(id, action, flags.reason);
          process.stdout.write(`${finding.id} ${finding.type} ${finding.subject}: ${finding.status}\n`);
        },
        flags.by,
      ),
    );
}

function parseAction(value: string): FindingAction {
  if (!(ACTIONS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`use one of ${ACTIONS.join(', ')}`);
  return value as FindingAction;
}
