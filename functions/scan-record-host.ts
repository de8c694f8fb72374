/** Scan state machine, inside the Map: one host's result into the inventory and the findings table. */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { documentClient } from '#shared/aws/clients';
import type { HostResult } from '#shared/scans/scan-types';
import { scanDepsFromEnv } from '#shared/scans/scan-env';
import { recordHostStep, type HostTask } from '#shared/scans/scan-steps';

const logger = new Logger({ serviceName: 'scan-record-host' });
const deps = scanDepsFromEnv(process.env, documentClient());

export const handler = middy((task: HostTask & { result: HostResult }) => recordHostStep(task, deps)).use(
  injectLambdaContext(logger),
);
