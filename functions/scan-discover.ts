/** Scan state machine: hosts under the verified domains (wordlist, certificate names, DNS), vetted. */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { documentClient } from '#shared/aws/clients';
import { scanDepsFromEnv } from '#shared/scans/scan-env';
import { discoverStep, type PlannedScan } from '#shared/scans/scan-steps';

const logger = new Logger({ serviceName: 'scan-discover' });
const deps = scanDepsFromEnv(process.env, documentClient());

export const handler = middy((plan: PlannedScan) => discoverStep(plan, deps)).use(
  injectLambdaContext(logger),
);
