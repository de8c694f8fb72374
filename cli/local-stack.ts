/** What the CLI needs to talk to a running local stack (`npm start`): config, clients, names. */
import { localClients, type LocalClients } from '#local/stack/clients';
import { readLocalConfig, type LocalConfig } from '#local/stack/config';
import { resourceNames, type ResourceNames } from '#local/stack/resource-names';
import { authenticatedTenant, tenantData, type TenantData } from '#shared/tenancy/tenant-data';

export interface LocalStack {
  readonly config: LocalConfig;
  readonly clients: LocalClients;
  readonly names: ResourceNames;
}

export function connectLocalStack(): LocalStack {
  const config = readLocalConfig();
  const host = config.host;
  const clients = localClients({
    dynamodb: `http://${host}:${config.ports.dynamodb}`,
    kinesis: `http://${host}:${config.ports.kinesis}`,
    s3: `http://${host}:${config.ports.s3}`,
  });
  return { config, clients, names: resourceNames(config.prefix) };
}

/** Turns "connection refused" into the advice a person needs. */
export function explainUnreachable(error: unknown): Error {
  const text = String((error as Error)?.message ?? error);
  if (
    /ECONNREFUSED|connect|socket hang up/i.test(text) ||
    (error as { code?: string })?.code === 'ECONNREFUSED'
  ) {
    return new Error('the local stack is not running: start it with `npm start` in another terminal');
  }
  return error as Error;
}

/**
 * Runs `work` with one tenant's data in the running local stack, acting as `actor`: the person at
 * this machine operates every local tenant, so the local operator is the authenticator here.
 */
export async function withLocalTenant<T>(
  tenant: string,
  work: (data: TenantData) => Promise<T>,
  actor = 'local-cli',
): Promise<T> {
  const owner = authenticatedTenant(tenant, actor);
  const { clients, names } = connectLocalStack();
  try {
    return await work(
      tenantData(owner, {
        doc: clients.doc,
        inventoryTable: names.inventoryTable,
        findingsTable: names.findingsTable,
      }),
    );
  } catch (error) {
    throw explainUnreachable(error);
  }
}
