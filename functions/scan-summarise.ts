/** Scan state machine, last task: the attack-surface report, compared with the previous scan. */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { documentClient } from '#shared/aws/clients';
import { scanDepsFromEnv } from '#shared/scans/scan-env';
import { summariseStep } from '#shared/scans/scan-steps';
import type { ScanRef } from '#shared/scans/scan-store';

const logger = new Logger({ serviceName: 'scan-summarise' });
const deps = scanDepsFromEnv(process.env, documentClient());

interface MapOutcome {
  readonly host: string;
  readonly error?: string;
}

async function summarise(event: ScanRef & { outcomes?: readonly MapOutcome[] }) {
  const failed = (event.outcomes ?? []).flatMap((o) =>
    o.error === undefined ? [] : [{ host: o.host, error: o.error }],
  );
  const result = await summariseStep(
    { tenant: event.tenant, scanId: event.scanId, startedAt: event.startedAt, failed },
    deps,
  );
  logger.info('scan summarised', { tenant: result.tenant, scanId: result.scanId, ...result.report });
  return result;
}

export const handler = middy(summarise).use(injectLambdaContext(logger));
