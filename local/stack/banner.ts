/** The short text `npm start` prints once the local stack is up. */
import type { LocalPipeline, LocalStack } from './pipeline.ts';

/** `console.log(banner(stack, pipeline, { totalMs, dynamodbMs }))` */
export function banner(
  stack: LocalStack,
  pipeline: LocalPipeline,
  run: {
    totalMs: number;
    demoTenant: string;
    alertSink: string;
    portal?: { url: string; demo: { email: string; password: string } | undefined };
    extraLines?: readonly string[];
  },
): string {
  const { config, servers, names } = stack;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    '',
    `Surveyor local stack is up in ${seconds(run.totalMs)} (DynamoDB Local ${seconds(servers.startupMs.dynamodb)})`,
    ...(run.portal === undefined
      ? []
      : [
          `Portal    ${run.portal.url}` +
            (run.portal.demo === undefined
              ? ''
              : `   demo sign-in ${run.portal.demo.email} / ${run.portal.demo.password}`),
        ]),
    `Ingest    ${pipeline.intakeUrl ?? 'not running (see intake-logs below)'}`,
    `DynamoDB  ${servers.endpoints.dynamodb}   tables ${names.inventoryTable}, ${names.findingsTable}`,
    `Kinesis   ${servers.endpoints.kinesis}   stream ${names.stream}`,
    `S3        ${servers.endpoints.s3}   buckets ${names.albLogBucket}, ${names.quarantineBucket}, ${names.failureBucket}`,
    `data      ${config.inMemory ? 'in memory (SURVEYOR_IN_MEMORY=true)' : config.dataDir}`,
    `Alerts    ${run.alertSink}   Slack / PagerDuty / webhook sink (GET /records, /pagerduty/incidents)`,
    '',
    ...pipeline.status.map((line) => `  ${line}`),
    ...(run.extraLines ?? []).map((line) => `  ${line}`),
    '',
    `Demo tenant "${run.demoTenant}" receives ALB and API Gateway traffic every 5 s (SURVEYOR_DEMO=false: none).`,
    'Next, in another terminal:',
    `  npx surveyor inventory --tenant ${run.demoTenant}`,
    `  npx surveyor findings --tenant ${run.demoTenant}     (its spec and rules: local/demo/demo-config.ts)`,
    `  npx surveyor integrations list --tenant ${run.demoTenant}   (alerts go to the sink above)`,
    '  npx surveyor local ingest --tenant acme your-access.log.gz && npx surveyor inventory --tenant acme --json',
    ...(pipeline.intakeUrl === undefined
      ? []
      : [
          `  KEY=$(npx surveyor keys create --tenant acme | tail -1)`,
          `  curl -X POST '${pipeline.intakeUrl}?format=nginx&host=api.acme.example' -H "Authorization: Bearer $KEY" --data-binary @access.log`,
        ]),
    `  (or put ALB log objects under s3://${names.albLogBucket}/<tenant>/ at ${servers.endpoints.s3})`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
