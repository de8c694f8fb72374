/** Scan state machine, inside the Map: every check on one host (never throws for the host's own faults). */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { documentClient } from '#shared/aws/clients';
import { scanDepsFromEnv } from '#shared/scans/scan-env';
import { checkHostStep, type HostTask } from '#shared/scans/scan-steps';

const logger = new Logger({ serviceName: 'scan-check-host' });
const deps = scanDepsFromEnv(process.env, documentClient());

export const handler = middy((task: HostTask) => checkHostStep(task, deps)).use(injectLambdaContext(logger));
