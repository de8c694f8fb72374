/**
 * An EventBridge schedule for the local stack: invokes a handler every `everyMs` with the
 * `Scheduled Event` EventBridge sends; a tick that comes while a run is still going is skipped, so
 * runs never overlap or pile up.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { invoke, type LambdaHandler } from './invoke.ts';
import { describeError } from './kinesis-batch-decision.ts';

export interface LocalScheduleOptions {
  readonly handler: LambdaHandler<ScheduledEvent>;
  readonly functionName: string;
  readonly region: string;
  readonly everyMs: number;
  readonly timeoutMs: number;
  readonly log?: (message: string) => void;
}

export interface LocalSchedule {
  stats(): { runs: number; failures: number };
  stop(): Promise<void>;
}

export function startLocalSchedule(options: LocalScheduleOptions): LocalSchedule {
  const log = options.log ?? console.warn;
  let runs = 0;
  let failures = 0;
  let running: Promise<void> | undefined;
  const run = async (): Promise<void> => {
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: options.region,
      resources: [`arn:aws:events:${options.region}:000000000000:rule/${options.functionName}`],
      detail: {},
    };
    const outcome = await invoke(options.handler, event, {
      functionName: options.functionName,
      region: options.region,
      timeoutMs: options.timeoutMs,
    });
    runs++;
    if (!outcome.ok) {
      failures++;
      log(`${options.functionName} scheduled run failed: ${describeError(outcome.error)}`);
    }
  };
  const timer = setInterval(() => {
    running ??= run().finally(() => (running = undefined));
  }, options.everyMs);
  timer.unref();
  return {
    stats: () => ({ runs, failures }),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
