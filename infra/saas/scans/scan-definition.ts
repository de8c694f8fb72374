/**
 * The scan state machine, defined once: the SaaS stack deploys it to Step Functions, and the local
 * stack synthesizes the same definition and runs it with aws-local-stepfunctions (overriding each Task
 * by its state name with the same handler). Plan -> discover -> Map over hosts (bounded) -> check and
 * record each host -> summarise. Every task retries and is caught; a failed host becomes
 * `{ host, error }` in the Map's output and never fails the scan.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Fail, Map as MapState, Pass, type IChainable } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** Task state names, which are also the keys of the local runner's handler overrides. */
/** The Map state over hosts; local progress counts its iterations. */
export const SCAN_HOSTS_MAP = 'ScanHosts';

export const SCAN_TASKS = {
  plan: 'PlanScan',
  discover: 'DiscoverHosts',
  checkHost: 'CheckHost',
  recordHost: 'RecordHost',
  summarise: 'Summarise',
} as const;
export type ScanTask = keyof typeof SCAN_TASKS;

/** Handler file (functions/<name>.ts) of each task. */
export const SCAN_HANDLERS: Readonly<Record<ScanTask, string>> = {
  plan: 'scan-plan',
  discover: 'scan-discover',
  checkHost: 'scan-check-host',
  recordHost: 'scan-record-host',
  summarise: 'scan-summarise',
};

/** A whole scan; a stuck one stops here rather than holding the tenant's next schedule. */
export const SCAN_TIMEOUT = Duration.hours(2);

/** Hosts checked at once per scan: bounded so a big estate neither floods Lambda nor the targets. */
export const HOST_CONCURRENCY = 10;

const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export function scanDefinition(scope: Construct, fns: Readonly<Record<ScanTask, IFunction>>): IChainable {
  const task = (name: ScanTask, options: { resultPath?: string; retryFailures: boolean }) => {
    const state = new LambdaInvoke(scope, SCAN_TASKS[name], {
      lambdaFunction: fns[name],
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      ...(options.resultPath !== undefined && { resultPath: options.resultPath }),
    });
    state.addRetry({
      errors: LAMBDA_TRANSIENT,
      interval: Duration.seconds(2),
      maxAttempts: 4,
      backoffRate: 2,
    });
    // Writes and lookups can fail transiently; a domain that is not verified is final (plan: no retry).
    if (options.retryFailures) {
      state.addRetry({
        errors: ['States.TaskFailed', 'States.Timeout'],
        interval: Duration.seconds(1),
        maxAttempts: 2,
        backoffRate: 2,
      });
    }
    return state;
  };
  const scanFailed = new Fail(scope, 'ScanFailed', {
    errorPath: '$.failure.Error',
    causePath: '$.failure.Cause',
  });
  const hostFailed = new Pass(scope, 'HostFailed', {
    parameters: { 'host.$': '$.target.host', 'error.$': '$.failure.Error' },
  });

  const plan = task('plan', { retryFailures: false }).addCatch(scanFailed, { resultPath: '$.failure' });
  const discover = task('discover', { retryFailures: true }).addCatch(scanFailed, {
    resultPath: '$.failure',
  });
  const check = task('checkHost', { resultPath: '$.result', retryFailures: true }).addCatch(hostFailed, {
    resultPath: '$.failure',
  });
  const record = task('recordHost', { retryFailures: true }).addCatch(hostFailed, {
    resultPath: '$.failure',
  });
  const hosts = new MapState(scope, SCAN_HOSTS_MAP, {
    itemsPath: '$.targets',
    maxConcurrency: HOST_CONCURRENCY,
    itemSelector: {
      'tenant.$': '$.tenant',
      'scanId.$': '$.scanId',
      'startedAt.$': '$.startedAt',
      'log4shell.$': '$.log4shell',
      'target.$': '$$.Map.Item.Value',
    },
    resultPath: '$.outcomes',
  });
  hosts.itemProcessor(check.next(record));
  const summarise = task('summarise', { retryFailures: true }).addCatch(scanFailed, {
    resultPath: '$.failure',
  });
  return plan.next(discover).next(hosts).next(summarise);
}
