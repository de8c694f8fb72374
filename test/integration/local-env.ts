/** What an integration test needs: clients for the servers global-setup started, and resource names. */
import { localClients, type LocalClients } from '#local/stack/clients';
import { resourceNames, type ResourceNames } from '#local/stack/resource-names';
import type { ScratchStack } from '#local/stack/scratch-stack';
import type { LocalEndpoints } from '#local/stack/servers';

export interface LocalEnv {
  readonly endpoints: LocalEndpoints;
  readonly clients: LocalClients;
  readonly names: ResourceNames;
  readonly prefix: string;
  /** A temporary folder for the run (checkpoints, scratch files); removed at teardown. */
  readonly dataDir: string;
}

/** The variables global-setup sets for test files. */
export const IT_ENV = {
  endpoints: 'SURVEYOR_IT_ENDPOINTS',
  prefix: 'SURVEYOR_IT_PREFIX',
  dataDir: 'SURVEYOR_IT_DATA_DIR',
} as const;

export class MissingGlobalSetupError extends Error {
  constructor() {
    super('Integration tests need test/integration/global-setup.ts (run them with npm run test:integration)');
    this.name = 'MissingGlobalSetupError';
  }
}

/** `const { clients, names } = localEnv();` at the top of an integration test file. */
export function localEnv(): LocalEnv {
  const raw = process.env[IT_ENV.endpoints];
  if (raw === undefined) throw new MissingGlobalSetupError();
  const endpoints = JSON.parse(raw) as LocalEndpoints;
  const prefix = process.env[IT_ENV.prefix] ?? 'it';
  const dataDir = process.env[IT_ENV.dataDir] ?? '';
  return { endpoints, clients: localClients(endpoints), names: resourceNames(prefix), prefix, dataDir };
}

/** A tenant id unique to one test, so tests never see each other's data. */
export function uniqueTenant(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
}

const KEY = Symbol.for('surveyor.integration.stack');

/** For global-setup and global-teardown only. */
export function setRunningStack(stack: ScratchStack): void {
  (globalThis as Record<symbol, unknown>)[KEY] = stack;
}

export function runningStack(): ScratchStack | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as ScratchStack | undefined;
}
