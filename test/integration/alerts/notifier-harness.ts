/**
 * The notifier as `npm start` runs it, for integration tests: functions/deliver-alerts.ts loaded
 * with the local stack's handler environment, fed by the two DynamoDB Local stream sources, posting
 * to a local alert sink. Records every event it is given so a test can deliver a batch again.
 */
import { randomBytes } from 'node:crypto';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { localSealer } from '#shared/alerts/secret-sealer';
import { destinationVetter } from '#shared/alerts/vetted-net';
import { isNewEndpointRecord } from '#shared/alerts/stream-events';
import { startDynamoDBStreamSource, type DynamoDBStreamSource } from '#local/aws/dynamodb-stream-source';
import { invoke, type LambdaHandler } from '#local/aws/invoke';
import { startAlertSink, type AlertSink } from '#local/stack/alert-sink';
import { handlerEnvironment } from '#local/stack/stack-env';
import { localEnv } from '../local-env.ts';
import { ALERT_NOTIFIER_SOURCE } from '#shared/resources/event-sources';

export const PORTAL_URL = 'http://127.0.0.1:18199';

export interface Notifier {
  readonly sink: AlertSink;
  /** For saving integrations as the CLI and portal do. */
  readonly store: Parameters<typeof import('#shared/alerts/integrations').addIntegration>[0];
  /** Every event the handler was invoked with, in order. */
  readonly invocations: DynamoDBStreamEvent[];
  /** Invokes the handler as Lambda would (a redelivery when given a past event). */
  invoke(event: DynamoDBStreamEvent): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startNotifier(options: { burstLimit?: number } = {}): Promise<Notifier> {
  const { endpoints, names, clients } = localEnv();
  const localKey = randomBytes(32).toString('base64');
  Object.assign(process.env, {
    ...handlerEnvironment(endpoints, names, 'us-east-1', 'unused-master-secret', {
      localKey,
      portalUrl: PORTAL_URL,
    }),
    ALERTS_BURST_LIMIT: String(options.burstLimit ?? 20),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  const { handler } = (await import('#functions/deliver-alerts')) as {
    handler: LambdaHandler<DynamoDBStreamEvent>;
  };
  const sink = await startAlertSink({ port: 0 });
  const invocations: DynamoDBStreamEvent[] = [];
  const recording: LambdaHandler<DynamoDBStreamEvent> = (event, context) => {
    invocations.push(structuredClone(event));
    return handler(event, context);
  };
  const common = {
    dynamodb: clients.dynamodb,
    streams: clients.streams,
    handler: recording,
    functionName: 'deliver-alerts',
    region: 'us-east-1',
    batchSize: ALERT_NOTIFIER_SOURCE.batchSize,
    maximumBatchingWindowMs: ALERT_NOTIFIER_SOURCE.maxBatchingWindowSeconds * 1000,
    pollIntervalMs: 100,
  };
  const sources: DynamoDBStreamSource[] = [
    await startDynamoDBStreamSource({ ...common, tableName: names.findingsTable }),
    await startDynamoDBStreamSource({
      ...common,
      tableName: names.inventoryTable,
      filter: isNewEndpointRecord,
    }),
  ];
  return {
    sink,
    store: {
      doc: clients.doc,
      tableName: names.alertsTable,
      sealer: localSealer(Buffer.from(localKey, 'base64')),
      policy: LOCAL_DESTINATIONS,
      vetter: destinationVetter(LOCAL_DESTINATIONS),
    },
    invocations,
    async invoke(event) {
      const outcome = await invoke(handler, event, {
        functionName: 'deliver-alerts',
        region: 'us-east-1',
        timeoutMs: 60_000,
      });
      if (!outcome.ok) throw outcome.error;
      return outcome.response;
    },
    async stop() {
      await Promise.all(sources.map((s) => s.stop()));
      await sink.stop();
    },
  };
}

/** Polls `read` until `done` says so (or the time is up) and returns the last value. */
export async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
