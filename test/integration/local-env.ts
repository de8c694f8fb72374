/** What an integration test needs: clients for the servers global-setup started, and resource names. */
import { localClients, type LocalClients } from '#local/clients';
import { resourceNames, type ResourceNames } from '#local/resource-names';
import type { LocalEndpoints } from '#local/servers';

export interface LocalEnv {
  readonly endpoints: LocalEndpoints;
  readonly clients: LocalClients;
  readonly names: ResourceNames;
  readonly prefix: string;
}

export function localEnv(): LocalEnv {
  const raw = process.env.SURVEYOR_IT_ENDPOINTS;
  if (raw === undefined)
    throw new Error(
      'Integration tests need test/integration/global-setup.ts (run them with npm run test:integration)',
    );
  const endpoints = JSON.parse(raw) as LocalEndpoints;
  const prefix = process.env.SURVEYOR_IT_PREFIX ?? 'surveyor-it';
  return { endpoints, clients: localClients(endpoints), names: resourceNames(prefix), prefix };
}

/** A tenant id unique to one test, so tests never see each other's data. */
export function uniqueTenant(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
}
