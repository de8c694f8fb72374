/**
 * Runs scans locally: the CDK-synthesized ASL in aws-local-stepfunctions, each Task state overridden
 * by name with the handler Lambda would run (functions/scan-*.ts), invoked the way Lambda does
 * (serialized event, context, timeout). Retry waits are shortened; everything else is as deployed.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { invoke, type LambdaHandler } from '#local/aws/invoke';
import { loadHandler } from '#local/aws/load-handler';
import { SCAN_HANDLERS, SCAN_HOSTS_MAP, SCAN_TASKS, type ScanTask } from '#infra/saas/scans/scan-definition';
import type { ScanReport } from '#shared/scans/scan-report';
import { localScanAsl } from './scan-asl.ts';

export interface LocalScanResult {
  readonly tenant: string;
  readonly scanId: string;
  readonly startedAt: string;
  readonly report: ScanReport;
}

/** Told how many hosts discovery found, then each time one is done (checked or failed). */
export interface ScanProgress {
  hostsFound(total: number): void;
  hostDone(done: number): void;
}

export interface LocalScanRunner {
  run(request: { tenant: string; domain?: string }, progress?: ScanProgress): Promise<LocalScanResult>;
}

const TASK_TIMEOUT_MS = 5 * 60_000;

/** Loads the handlers (their cold start reads the environment: set it first) and the ASL once. */
export async function localScanRunner(region: string): Promise<LocalScanRunner> {
  const handlers = {} as Record<ScanTask, LambdaHandler>;
  for (const task of Object.keys(SCAN_HANDLERS) as ScanTask[]) {
    const loaded = await loadHandler(SCAN_HANDLERS[task]);
    if (!loaded.ok) throw new Error(`functions/${SCAN_HANDLERS[task]}.ts: ${loaded.reason}`);
    handlers[task] = loaded.handler;
  }
  const machine = new StateMachine(localScanAsl(region) as never, { validationOptions: { checkArn: false } });
  const overrides = Object.fromEntries(
    (Object.keys(SCAN_TASKS) as ScanTask[]).map((task) => [
      SCAN_TASKS[task],
      async (input: unknown) => {
        const outcome = await invoke(handlers[task], input, {
          functionName: SCAN_HANDLERS[task],
          region,
          timeoutMs: TASK_TIMEOUT_MS,
        });
        if (!outcome.ok) throw outcome.error;
        return outcome.response as never;
      },
    ]),
  );
  const noWaits = Object.fromEntries(Object.values(SCAN_TASKS).map((name) => [name, 0]));
  return {
    async run(request, progress) {
      const execution = machine.run(request, {
        overrides: { taskResourceLocalHandlers: overrides, retryIntervalOverrides: noWaits },
      });
      // The log ends with the execution; waiting for it means the last host is reported before the result.
      const following = progress && followProgress(execution.eventLogs, progress).catch(() => undefined);
      const result = (await execution.result) as unknown as LocalScanResult;
      await following;
      return result;
    },
  };
}

type ExecutionEvents = ReturnType<StateMachine['run']>['eventLogs'];

/** Reads the execution's event log: discovery's output gives the total, Map iterations the rest. */
async function followProgress(events: ExecutionEvents, progress: ScanProgress): Promise<void> {
  let done = 0;
  for await (const event of events) {
    if (event.type === 'StateExited' && event.state.name === SCAN_TASKS.discover) {
      const { targets } = (event.state.output ?? {}) as { targets?: unknown[] };
      progress.hostsFound(targets?.length ?? 0);
    } else if (
      (event.type === 'MapIterationSucceeded' || event.type === 'MapIterationFailed') &&
      event.parentState.name === SCAN_HOSTS_MAP
    ) {
      progress.hostDone(++done);
    }
  }
}
