/**
 * Starts one set of local AWS-compatible servers (DynamoDB in memory, s3rver in a temp folder, all
 * on free ports) for the whole integration run, creates the resources, and hands the endpoints to
 * test files through the environment (read them with test/integration/local-env.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClients } from '#local/stack/clients';
import { readLocalConfig } from '#local/stack/config';
import { resourceNames } from '#local/stack/resource-names';
import { createLocalResources } from '#local/stack/resources';
import { startLocalServers } from '#local/stack/servers';
import { buildCliBundle } from '../build-cli-bundle.ts';
import { IT_ENV, setRunningStack } from './local-env.ts';

const PREFIX = 'it';

export default async function globalSetup(): Promise<void> {
  // CLI tests run bin/surveyor.js, which runs the bundle: compiled from this source, as users get it.
  buildCliBundle();
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
  try {
    await createLocalResources(localClients(servers.endpoints), PREFIX, resourceNames(PREFIX));
  } catch (error) {
    await servers.stop();
    throw error;
  }
  // globalThis survives into globalTeardown (same process); the environment reaches every test file.
  setRunningStack({ servers, dataDir });
  Object.assign(process.env, {
    [IT_ENV.endpoints]: JSON.stringify(servers.endpoints),
    [IT_ENV.prefix]: PREFIX,
    [IT_ENV.dataDir]: dataDir,
    SURVEYOR_DYNAMODB_ENDPOINT: servers.endpoints.dynamodb,
    SURVEYOR_KINESIS_ENDPOINT: servers.endpoints.kinesis,
    SURVEYOR_S3_ENDPOINT: servers.endpoints.s3,
  });
}
