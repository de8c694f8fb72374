/**
 * Starts one set of local AWS-compatible servers (in memory, free ports) for the whole integration
 * run and hands their endpoints to the test files through the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClients } from '#local/clients';
import { readLocalConfig } from '#local/config';
import { resourceNames } from '#local/resource-names';
import { createLocalResources } from '#local/resources';
import { startLocalServers, type LocalServers } from '#local/servers';

const PREFIX = 'surveyor-it';

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'surveyor-it-'));
  const config = readLocalConfig({
    SURVEYOR_DATA_DIR: dataDir,
    SURVEYOR_IN_MEMORY: 'true',
    SURVEYOR_DYNAMODB_PORT: '0',
    SURVEYOR_KINESIS_PORT: '0',
    SURVEYOR_S3_PORT: '0',
    SURVEYOR_PREFIX: PREFIX,
  });
  const servers = await startLocalServers(config);
  await createLocalResources(localClients(servers.endpoints), PREFIX, resourceNames(PREFIX));
  (globalThis as { __surveyorServers?: LocalServers }).__surveyorServers = servers;
  process.env.SURVEYOR_IT_ENDPOINTS = JSON.stringify(servers.endpoints);
  process.env.SURVEYOR_IT_PREFIX = PREFIX;
}
