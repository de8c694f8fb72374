/**
 * Wires the Lambda handlers to the local stack the way AWS does: the ingest stream's event source
 * mapping feeds ingest-api-calls, ALB log objects notify forward-alb-logs, and API Gateway log
 * lines reach forward-cloudwatch-logs as subscription-filter events.
 */
import { join } from 'node:path';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  CloudWatchLogsEvent,
  DynamoDBStreamEvent,
  KinesisStreamEvent,
  S3Event,
  ScheduledEvent,
} from 'aws-lambda';
import { isNewEndpointRecord } from '#shared/alerts/stream-events';
import { cloudWatchLogsEvents, type LogLine, type LogSource } from '#local/aws/cloudwatch-logs';
import type { LocalClients } from './clients.ts';
import type { LocalConfig } from './config.ts';
import { LOCAL_CONSUMER_SETTINGS } from './consumer-settings.ts';
import { invoke, type LambdaHandler } from '#local/aws/invoke';
import { startDynamoDBStreamSource, type DynamoDBStreamSource } from '#local/aws/dynamodb-stream-source';
import { describeError } from '#local/aws/kinesis-batch-decision';
import { fileCheckpoints } from '#local/aws/kinesis-checkpoints';
import { startIntakeServer, type IntakeServer } from '#local/aws/intake-server';
import { PORT_VARIABLES } from './config.ts';
import {
  startKinesisEventSource,
  type EventSourceStats,
  type KinesisEventSource,
} from '#local/aws/kinesis-event-source';
import { loadHandler } from '#local/aws/load-handler';
import { s3OnFailureDestination } from '#local/aws/on-failure-destination';
import type { ResourceNames } from './resource-names.ts';
import { LOCAL_ACCOUNT, LOCAL_AWS_PRINCIPALS } from './stack-env.ts';
import { startLocalSchedule, type LocalSchedule } from '#local/aws/schedule';
import {
  attachS3Notifications,
  type S3Notifications,
  type S3NotificationStats,
} from '#local/aws/s3-notifications';
import { PortInUseError, type LocalServers } from './servers.ts';
import { ALERT_NOTIFIER_SOURCE } from '#shared/resources/event-sources';

export interface LocalStack {
  readonly config: LocalConfig;
  readonly servers: LocalServers;
  readonly clients: LocalClients;
  readonly names: ResourceNames;
}

export interface LocalPipeline {
  /** One line per function: wired, or why not. */
  readonly status: readonly string[];
  /** `http://127.0.0.1:<port>/v1/logs`, or undefined when functions/intake-logs.ts did not load. */
  readonly intakeUrl: string | undefined;
  stats(): {
    ingest: EventSourceStats | undefined;
    albLogs: S3NotificationStats | undefined;
    findingAlerts: ReturnType<DynamoDBStreamSource['stats']> | undefined;
    endpointAlerts: ReturnType<DynamoDBStreamSource['stats']> | undefined;
    assessments: ReturnType<LocalSchedule['stats']> | undefined;
  };
  /** Delivers API Gateway access-log lines to forward-cloudwatch-logs, as a subscription filter would. */
  sendApiGatewayLogs(lines: readonly LogLine[], source?: Partial<LogSource>): Promise<void>;
  stop(): Promise<void>;
}

export class HandlerUnavailableError extends Error {
  constructor(name: string, reason: string) {
    super(`${name} is not running: ${reason}`);
    this.name = 'HandlerUnavailableError';
  }
}

export interface LocalPipelineOptions {
  /**
   * Replaces functions/forward-alb-logs.ts for the ALB bucket: locally one bucket holds every
   * simulated customer's logs, so a per-tenant forwarder (local/stack/alb-log-notifications.ts) signs each.
   */
  readonly albForwarder?: LambdaHandler<S3Event>;
  readonly log?: (message: string) => void;
}

/** Loads each handler (after the environment is set) and starts what feeds it. */
export async function startLocalPipeline(
  stack: LocalStack,
  options: LocalPipelineOptions = {},
): Promise<LocalPipeline> {
  const log = options.log ?? console.warn;
  const { config, servers, clients, names } = stack;
  const status: string[] = [];
  const region = config.region;

  let ingest: KinesisEventSource | undefined;
  const consumer = await loadHandler<KinesisStreamEvent>('ingest-api-calls');
  if (consumer.ok) {
    ingest = await startKinesisEventSource({
      ...LOCAL_CONSUMER_SETTINGS,
      // Shorter than the deployed 5 s window, so a person watching the demo sees results at once.
      maximumBatchingWindowMs: 500,
      pollIntervalMs: 250,
      kinesis: clients.kinesis,
      streamName: names.stream,
      handler: consumer.handler,
      functionName: 'ingest-api-calls',
      region,
      checkpoints: fileCheckpoints(join(config.dataDir, 'checkpoints', 'ingest-api-calls.json')),
      onFailure: s3OnFailureDestination(clients.s3, names.failureBucket, 'ingest-api-calls'),
      log,
    });
    status.push(`ingest-api-calls        <- Kinesis ${names.stream} (${config.shards} shard(s))`);
  } else status.push(`ingest-api-calls        not running: ${consumer.reason}`);

  let albLogs: S3Notifications | undefined;
  const alb =
    options.albForwarder === undefined
      ? await loadHandler<S3Event>('forward-alb-logs')
      : ({ ok: true, handler: options.albForwarder } as const);
  if (alb.ok) {
    albLogs = attachS3Notifications(servers.s3, {
      bucket: names.albLogBucket,
      handler: alb.handler,
      functionName: 'forward-alb-logs',
      region,
      log,
    });
    const by = options.albForwarder === undefined ? '' : ' (per-tenant prefix <tenant>/)';
    status.push(`forward-alb-logs        <- s3://${names.albLogBucket} ObjectCreated${by}`);
  } else status.push(`forward-alb-logs        not running: ${alb.reason}`);

  const cloudWatch = await loadHandler<CloudWatchLogsEvent>('forward-cloudwatch-logs');
  status.push(
    cloudWatch.ok
      ? 'forward-cloudwatch-logs <- sendApiGatewayLogs() (subscription-filter events)'
      : `forward-cloudwatch-logs not running: ${cloudWatch.reason}`,
  );

  // The notifier reads two streams, as its event source mappings do in AWS: every findings-table
  // change, and inventory-table INSERTs of endpoints (the mapping's filter criteria).
  let findingAlerts: DynamoDBStreamSource | undefined;
  let endpointAlerts: DynamoDBStreamSource | undefined;
  const alerts = await loadHandler<DynamoDBStreamEvent>('deliver-alerts');
  if (alerts.ok) {
    const common = {
      dynamodb: clients.dynamodb,
      streams: clients.streams,
      handler: alerts.handler,
      functionName: 'deliver-alerts',
      region,
      batchSize: ALERT_NOTIFIER_SOURCE.batchSize,
      maximumBatchingWindowMs: ALERT_NOTIFIER_SOURCE.maxBatchingWindowSeconds * 1000,
      timeoutMs: ALERT_NOTIFIER_SOURCE.timeoutSeconds * 1000,
      attempts: ALERT_NOTIFIER_SOURCE.retryAttempts + 1,
      log,
    };
    findingAlerts = await startDynamoDBStreamSource({ ...common, tableName: names.findingsTable });
    endpointAlerts = await startDynamoDBStreamSource({
      ...common,
      tableName: names.inventoryTable,
      filter: isNewEndpointRecord,
    });
    status.push(
      `deliver-alerts          <- DynamoDB streams of ${names.findingsTable}, ${names.inventoryTable} (new endpoints)`,
    );
  } else status.push(`deliver-alerts          not running: ${alerts.reason}`);

  // API Gateway in AWS; a loopback HTTP server here, in front of the same handler.
  let intake: IntakeServer | undefined;
  const intakeHandler = await loadHandler<APIGatewayProxyEvent>('intake-logs');
  if (intakeHandler.ok) {
    intake = await startIntakeServer({
      host: config.host,
      port: config.ports.ingest,
      handler: intakeHandler.handler as LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>,
      region,
      awsPrincipals: LOCAL_AWS_PRINCIPALS,
    }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE'
        ? new PortInUseError(config.ports.ingest, PORT_VARIABLES.ingest, { cause: error })
        : error;
    });
    status.push(`intake-logs             <- POST ${intake.url}`);
    status.push(`intake-logs (IAM route) <- POST ${intake.signedUrl} (SigV4 as account ${LOCAL_ACCOUNT})`);
  } else status.push(`intake-logs             not running: ${intakeHandler.reason}`);

  // Daily in AWS (infra/saas/tenant-assessment.ts); every ten minutes here, to be seen at work.
  let assessments: LocalSchedule | undefined;
  const assess = await loadHandler<ScheduledEvent>('assess-tenants');
  if (assess.ok) {
    assessments = startLocalSchedule({
      handler: assess.handler,
      functionName: 'assess-tenants',
      region,
      everyMs: 10 * 60_000,
      timeoutMs: 15 * 60_000,
      log,
    });
    status.push('assess-tenants          <- schedule, every 10 minutes');
  } else status.push(`assess-tenants          not running: ${assess.reason}`);

  return {
    status,
    intakeUrl: intake?.url,
    stats: () => ({
      ingest: ingest?.stats(),
      albLogs: albLogs?.stats(),
      findingAlerts: findingAlerts?.stats(),
      endpointAlerts: endpointAlerts?.stats(),
      assessments: assessments?.stats(),
    }),
    async sendApiGatewayLogs(lines, source) {
      if (!cloudWatch.ok) throw new HandlerUnavailableError('forward-cloudwatch-logs', cloudWatch.reason);
      const events = cloudWatchLogsEvents(lines, {
        owner: '000000000000',
        logGroup: 'API-Gateway-Access-Logs/local',
        logStream: 'local',
        subscriptionFilters: ['surveyor'],
        ...source,
      });
      for (const event of events) {
        // CloudWatch Logs invokes asynchronously: Lambda retries a failed event twice.
        for (let attempt = 1; attempt <= 3; attempt++) {
          const outcome = await invoke(cloudWatch.handler, event, {
            functionName: 'forward-cloudwatch-logs',
            region,
            timeoutMs: 60_000,
          });
          if (outcome.ok) break;
          log(`forward-cloudwatch-logs attempt ${attempt} failed: ${describeError(outcome.error)}`);
        }
      }
    },
    async stop() {
      await Promise.allSettled([
        ingest?.stop(),
        albLogs?.stop(),
        findingAlerts?.stop(),
        endpointAlerts?.stop(),
        assessments?.stop(),
        intake?.stop(),
      ]);
    },
  };
}
