/** What the CLI needs to talk to a running local stack (`npm start`): config, clients, names. */
import { localClients, type LocalClients } from '#local/stack/clients';
import { readLocalConfig, type LocalConfig } from '#local/stack/config';
import { resourceNames, type ResourceNames } from '#local/stack/resource-names';
import { localAlertsKey } from '#local/stack/tenants';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { localSealer } from '#shared/alerts/secret-sealer';
import { destinationVetter, vettedTransport } from '#shared/alerts/vetted-net';
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
  const { clients, names, config } = connectLocalStack();
  try {
    return await work(
      tenantData(owner, {
        doc: clients.doc,
        inventoryTable: names.inventoryTable,
        findingsTable: names.findingsTable,
        // Local mode: the local key seals secrets, and loopback receivers are allowed.
        alerts: {
          alertsTable: names.alertsTable,
          sealer: localSealer(Buffer.from(localAlertsKey(config.dataDir), 'base64')),
          policy: LOCAL_DESTINATIONS,
          vetter: destinationVetter(LOCAL_DESTINATIONS),
          transport: vettedTransport(LOCAL_DESTINATIONS),
          portalUrl: `http://${config.host}:${config.ports.portal}`,
        },
      }),
    );
  } catch (error) {
    const name = (error as Error)?.name;
    // Refused input keeps its own message; only a dead stack gets the advice.
    if (name === 'UnsafeDestinationError' || name === 'InvalidIntegrationError') throw error;
    throw explainUnreachable(error);
  }
}
