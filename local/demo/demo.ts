/**
 * The demo tenant `npm start` creates: onboarded like any customer, fed a batch of ALB and API
 * Gateway logs every few seconds through the same forwarders, so the inventory fills at once, with
 * a spec and risk rules so findings do too.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { putRiskRules, putSpec } from '#shared/tenancy/tenant-config';
import { forwardCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import type { LocalClients } from '#local/stack/clients';
import { cloudWatchLogsEvents } from '#local/aws/cloudwatch-logs';
import { DEMO_RULES, DEMO_SPEC, DEMO_SPEC_NAME } from './demo-config.ts';
import { demoAlbLog, demoApiGatewayLines } from './demo-traffic.ts';
import type { ResourceNames } from '#local/stack/resource-names';
import { localCredential } from '#local/stack/tenants';

export const DEMO_TENANT = 'demo';

/** Starts the feed; returns a function that stops it. */
export async function startDemoTraffic(
  clients: LocalClients,
  names: ResourceNames,
  dataDir: string,
  log: (message: string) => void,
  everyMs = 5000,
): Promise<() => void> {
  const credential = await localCredential(dataDir, clients.doc, names.inventoryTable, DEMO_TENANT);
  // A spec and rules, as a tenant would upload them, so findings show from the first batch.
  const config = { doc: clients.doc, tableName: names.inventoryTable };
  await putSpec(config, DEMO_TENANT, DEMO_SPEC_NAME, DEMO_SPEC);
  await putRiskRules(config, DEMO_TENANT, DEMO_RULES, 'demo-rules.json');
  const forwarder = { kinesis: clients.kinesis, streamName: names.stream, credential, now: () => new Date() };
  const tick = async (): Promise<void> => {
    const at = Date.now();
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: names.albLogBucket,
        Key: `${DEMO_TENANT}/AWSLogs/demo-alb/${at}.log.gz`,
        Body: demoAlbLog(300, at),
      }),
    );
    const lines = demoApiGatewayLines(100, at).map((message) => ({ timestamp: at, message }));
    const source = {
      owner: '123456789012',
      logGroup: '/aws/apigateway/demo-payments',
      logStream: String(at),
      subscriptionFilters: ['surveyor'],
    };
    for (const event of cloudWatchLogsEvents(lines, source)) {
      await forwardCloudWatchLogs(event, forwarder);
    }
  };
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await tick().catch((error: unknown) => log(`demo traffic: ${(error as Error).message}`));
      await new Promise((r) => setTimeout(r, everyMs).unref());
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}
