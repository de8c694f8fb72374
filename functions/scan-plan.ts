/** Scan state machine, first task: which of the tenant's domains are verified now (TXT token). */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { describeErrors, validateScanRequest } from '#events/validate';
import { documentClient } from '#shared/aws/clients';
import { scanDepsFromEnv } from '#shared/scans/scan-env';
import { planScan } from '#shared/scans/scan-steps';

const logger = new Logger({ serviceName: 'scan-plan' });
const deps = scanDepsFromEnv(process.env, documentClient());

async function plan(event: unknown) {
  if (!validateScanRequest(event)) throw new InvalidScanRequestError(describeErrors(validateScanRequest));
  const planned = await planScan(event, deps);
  logger.info('scan planned', {
    tenant: planned.tenant,
    scanId: planned.scanId,
    domains: planned.domains.length,
  });
  return planned;
}

export class InvalidScanRequestError extends Error {
  constructor(detail: string) {
    super(`Invalid scan request: ${detail}`);
    this.name = 'InvalidScanRequestError';
  }
}

export const handler = middy(plan).use(injectLambdaContext(logger));
