/**
 * Starts one set of local AWS-compatible servers (DynamoDB in memory, s3rver in a temp folder, all
 * on free ports) for the whole integration run, creates the resources, and hands the endpoints to
 * test files through the environment (read them with test/integration/local-env.ts).
 */
import { startScratchStack } from '#local/stack/scratch-stack';
import { buildCliBundle } from '../build-cli-bundle.ts';
import { IT_ENV, setRunningStack } from './local-env.ts';

const PREFIX = 'it';

export default async function globalSetup(): Promise<void> {
  // CLI tests run bin/surveyor.js, which runs the bundle: compiled from this source, as users get it.
  buildCliBundle();
  const stack = await startScratchStack(PREFIX);
  // globalThis survives into globalTeardown (same process); the environment reaches every test file.
  setRunningStack(stack);
  const { endpoints } = stack.servers;
  Object.assign(process.env, {
    [IT_ENV.endpoints]: JSON.stringify(endpoints),
    [IT_ENV.prefix]: PREFIX,
    [IT_ENV.dataDir]: stack.dataDir,
    SURVEYOR_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    SURVEYOR_KINESIS_ENDPOINT: endpoints.kinesis,
    SURVEYOR_S3_ENDPOINT: endpoints.s3,
  });
}
