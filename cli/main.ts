/** The `surveyor` command: each subcommand registers itself from its own file. */
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './analyze-command.ts';
import { registerFinding } from './finding-command.ts';
import { registerFindings } from './findings-command.ts';
import { registerIntegrations } from './integrations-command.ts';
import { registerInventory } from './inventory-command.ts';
import { registerKeys } from './keys-command.ts';
import { registerLocal } from './local-command.ts';
import { registerRules } from './rules-command.ts';
import { registerSpec } from './spec-command.ts';
import { registerScan } from './scan-command.ts';

export function buildProgram(): Command {
  const program = new Command('surveyor')
    .description('API discovery and API risk from access logs and external scans')
    .showHelpAfterError()
    .exitOverride();
  registerAnalyze(program);
  registerLocal(program);
  registerInventory(program);
  registerRules(program);
  registerSpec(program);
  registerFindings(program);
  registerFinding(program);
  registerKeys(program);
  registerIntegrations(program);
  registerScan(program);
  return program;
}

/** Runs the CLI; usage errors exit 2, failures 1, with a message and no stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`surveyor: ${(error as Error).message}\n`);
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}

// Run directly (`tsx cli/main.ts ...`); bin/surveyor.js imports main() instead.
if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv);
