/** What the CLI needs to talk to a running local stack (`npm start`): config, clients, names. */
import { localClients, type LocalClients } from '#local/stack/clients';
import { readLocalConfig, type LocalConfig } from '#local/stack/config';
import { resourceNames, type ResourceNames } from '#local/stack/resource-names';

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
