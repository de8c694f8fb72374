/**
 * The `surveyor` command. Only the module of the command being run is loaded (each registers itself
 * from its own file); the others appear in the help by name and summary alone, so start-up does not
 * pay for their dependencies.
 */
import { Command, CommanderError } from 'commander';
import { COMMAND_SUMMARIES, type CommandName } from './command-index.ts';

type Register = (program: Command) => void;

const LOADERS: Record<CommandName, () => Promise<Register>> = {
  analyze: async () => (await import('./analyze-command.ts')).registerAnalyze,
  local: async () => (await import('./local-command.ts')).registerLocal,
  inventory: async () => (await import('./inventory-command.ts')).registerInventory,
  rules: async () => (await import('./rules-command.ts')).registerRules,
  spec: async () => (await import('./spec-command.ts')).registerSpec,
  findings: async () => (await import('./findings-command.ts')).registerFindings,
  finding: async () => (await import('./finding-command.ts')).registerFinding,
  keys: async () => (await import('./keys-command.ts')).registerKeys,
  integrations: async () => (await import('./integrations-command.ts')).registerIntegrations,
  scan: async () => (await import('./scan-command.ts')).registerScan,
};

/** The program for `argv`: the command it names registered in full, every other one as a summary. */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('surveyor')
    .description('API discovery and API risk from access logs and external scans')
    .showHelpAfterError()
    .exitOverride();
  const wanted = namedCommand(argv);
  for (const name of Object.keys(COMMAND_SUMMARIES) as CommandName[]) {
    if (name === wanted) (await LOADERS[name]())(program);
    else program.command(name).description(COMMAND_SUMMARIES[name]);
  }
  return program;
}

/** The first word after the script (`surveyor help X` names X); the top level takes no option values. */
function namedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((word) => !word.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Runs the CLI; usage errors exit 2, failures 1, with a message and no stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`surveyor: ${(error as Error).message}\n`);
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}
