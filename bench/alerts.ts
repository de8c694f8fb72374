/**
 * Local alert benchmark, on real local servers and the notifier as `npm start` runs it
 * (functions/deliver-alerts.ts fed by the DynamoDB Local stream source, 1 s batching window):
 * 1. latency from a finding written to the findings table until a webhook receiver on loopback has
 *    its finding.opened (p50/p99; target p99 <= 5 s), one finding at a time;
 * 2. a burst of 1,000 new findings: how many posts the receiver gets (individual + digests), whether
 *    the digests cover every finding, and the time until the last one arrives.
 *
 *   tsx bench/alerts.ts [--probes N] [--burst N]
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Command } from 'commander';
import type { AlertEvent } from '#events/alert-event.schema';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { addIntegration } from '#shared/alerts/integrations';
import { localSealer } from '#shared/alerts/secret-sealer';
import { destinationVetter } from '#shared/alerts/vetted-net';
import { recordFindings } from '#shared/findings/store';
import { ALERT_NOTIFIER_SOURCE } from '#shared/resources/event-sources';
import { startDynamoDBStreamSource } from '#local/aws/dynamodb-stream-source';
import type { LambdaHandler } from '#local/aws/invoke';
import { startScratchStack } from '#local/stack/scratch-stack';
import { handlerEnvironment } from '#local/stack/stack-env';

const options = new Command()
  .option('--probes <n>', 'latency probes', (v) => Number.parseInt(v, 10), 100)
  .option('--burst <n>', 'findings in the burst', (v) => Number.parseInt(v, 10), 1000)
  .parse()
  .opts<{ probes: number; burst: number }>();

const stack = await startScratchStack('surveyor-bench-alerts');
const { config, servers, clients, names } = stack;

// The receiver: records when each post arrives.
const arrivals: { at: number; event: AlertEvent }[] = [];
const receiver: Server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    arrivals.push({
      at: performance.now(),
      event: JSON.parse(Buffer.concat(chunks).toString()) as AlertEvent,
    });
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const localKey = randomBytes(32).toString('base64');
Object.assign(process.env, {
  ...handlerEnvironment(servers.endpoints, names, config.region, 'bench', {
    localKey,
    portalUrl: 'http://127.0.0.1:3000',
  }),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});
const { handler } = (await import('#functions/deliver-alerts')) as {
  handler: LambdaHandler<DynamoDBStreamEvent>;
};
const source = await startDynamoDBStreamSource({
  dynamodb: clients.dynamodb,
  streams: clients.streams,
  tableName: names.findingsTable,
  handler,
  functionName: 'deliver-alerts',
  region: config.region,
  batchSize: ALERT_NOTIFIER_SOURCE.batchSize,
  maximumBatchingWindowMs: ALERT_NOTIFIER_SOURCE.maxBatchingWindowSeconds * 1000,
  timeoutMs: ALERT_NOTIFIER_SOURCE.timeoutSeconds * 1000,
});
const store = {
  doc: clients.doc,
  tableName: names.alertsTable,
  sealer: localSealer(Buffer.from(localKey, 'base64')),
  policy: LOCAL_DESTINATIONS,
  vetter: destinationVetter(LOCAL_DESTINATIONS),
};
const findings = { doc: clients.doc, tableName: names.findingsTable };
const candidate = (path: string) => ({
  type: 'shadow-endpoint' as const,
  severity: 'high' as const,
  subject: `api.example.com GET ${path}`,
  host: 'api.example.com',
  method: 'GET',
  path,
  evidence: { calls: 1 },
  occurrences: 1,
});
const waitFor = async (done: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// 1. Latency, one finding at a time (a fresh tenant each, so no burst limit applies).
const latencies: number[] = [];
for (let i = 0; i < options.probes; i++) {
  const tenant = `probe-${i}`;
  await addIntegration(store, tenant, { type: 'webhook', url: hook }, new Date());
  const before = arrivals.length;
  const start = performance.now();
  await recordFindings(findings, tenant, [candidate(`/probe/${i}`)], new Date().toISOString());
  await waitFor(() => arrivals.length > before, 30_000);
  if (arrivals.length > before) latencies.push(arrivals[before]!.at - start);
}
latencies.sort((a, b) => a - b);
console.log(
  `finding written -> webhook received (${latencies.length}/${options.probes} probes, 1 s batching window): ` +
    `p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
);

// 2. A storm: N new findings for one tenant at once.
await addIntegration(store, 'storm', { type: 'webhook', url: hook }, new Date());
arrivals.length = 0;
const stormStart = performance.now();
const candidates = Array.from({ length: options.burst }, (_, i) => candidate(`/storm/${i}`));
await recordFindings(findings, 'storm', candidates, new Date().toISOString());
const written = performance.now() - stormStart;
const covered = () =>
  new Set(
    arrivals.flatMap(({ event }) =>
      event.type === 'finding.digest' ? event.data.findings!.map((f) => f.id) : [event.data.finding!.id],
    ),
  ).size;
await waitFor(() => covered() >= options.burst, 120_000);
const digests = arrivals.filter((a) => a.event.type === 'finding.digest');
console.log(
  `burst of ${options.burst} new findings (written in ${(written / 1000).toFixed(1)} s): ${arrivals.length} posts ` +
    `(${arrivals.length - digests.length} finding.opened, ${digests.length} finding.digest of ` +
    `${digests.map((d) => d.event.data.count).join(' + ')}), covering ${covered()}; ` +
    `last post ${((arrivals.at(-1)!.at - stormStart) / 1000).toFixed(1)} s after the first write`,
);

await source.stop();
await new Promise((resolve) => receiver.close(resolve));
await stack.stop();
