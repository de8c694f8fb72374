/**
 * `surveyor local ingest --tenant T FILE...`: sends log files through the real forwarder path of the
 * running local stack. ALB files go into the local ALB log bucket under `<tenant>/`, where the stack's
 * S3 notification runs the ALB forwarder; API Gateway files become CloudWatch Logs subscription
 * deliveries for the CloudWatch forwarder. Then it waits until the inventory has counted them.
 */
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { forwardCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { detectFormat } from '#shared/logs/detect-format';
import { openLogInput, readLineBatches } from '#shared/logs/read-lines';
import { localCredential } from '#local/stack/tenants';
import { cloudWatchLogsEvents } from '#local/aws/cloudwatch-logs';
import { connectLocalStack, explainUnreachable, type LocalStack } from './local-stack.ts';

const WAIT_MS = 60_000;

export function registerLocal(program: Command): void {
  const local = program.command('local').description(COMMAND_SUMMARIES.local);
  local
    .command('ingest')
    .description('send log files through the local forwarders and wait until the inventory counts them')
    .requiredOption('--tenant <tenant>', 'tenant id (created on first use)')
    .option('--no-wait', 'return once the files are handed to the forwarders')
    .argument('<files...>', 'ALB or API Gateway access-log files (plain or .gz)')
    .action(async (files: string[], flags: { tenant: string; wait: boolean }) => {
      const stack = connectLocalStack();
      try {
        await ingest(stack, flags.tenant, files, flags.wait);
      } catch (error) {
        throw explainUnreachable(error);
      }
    });
}

async function ingest(stack: LocalStack, tenant: string, files: string[], wait: boolean): Promise<void> {
  const { clients, names, config } = stack;
  for (const file of files) openLogInput(file); // fail on a missing file before sending anything
  const credential = await localCredential(config.dataDir, clients.doc, names.inventoryTable, tenant);
  const before = await totalCalls(stack, tenant);
  let expected = 0;
  for (const file of files) {
    const lines: string[] = [];
    for await (const batch of readLineBatches(file)) lines.push(...batch);
    const format = detectFormat(lines.slice(0, 20));
    if (format === 'apigw') {
      const logLines = lines
        .filter((l) => l.trim() !== '')
        .map((message) => ({ timestamp: Date.now(), message }));
      const source = {
        owner: '123456789012',
        logGroup: `/aws/apigateway/${basename(file)}`,
        logStream: tenant,
        subscriptionFilters: ['surveyor'],
      };
      for (const event of cloudWatchLogsEvents(logLines, source)) {
        const stats = await forwardCloudWatchLogs(event, {
          kinesis: clients.kinesis,
          streamName: names.stream,
          credential,
          now: () => new Date(),
        });
        expected += stats.calls;
      }
    } else {
      const key = `${tenant}/${Date.now()}-${basename(file).replace(/\.gz$/, '')}.gz`;
      const raw = readFileSync(file);
      const body = raw[0] === 0x1f && raw[1] === 0x8b ? raw : gzipSync(raw);
      await clients.s3.send(new PutObjectCommand({ Bucket: names.albLogBucket, Key: key, Body: body }));
      expected += lines.filter((l) => l.trim() !== '').length;
    }
    process.stderr.write(`sent ${file} (${format ?? 'unknown format'})\n`);
  }
  if (!wait) return;
  const deadline = Date.now() + WAIT_MS;
  let now = before;
  // Quarantined lines are never counted, so waiting for every line would stall: stop when stable.
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const total = await totalCalls(stack, tenant);
    if (total !== now) stableSince = Date.now();
    now = total;
    if (now - before >= expected || (now > before && Date.now() - stableSince > 3000)) break;
  }
  process.stderr.write(`inventory of ${tenant}: ${now - before} new calls counted\n`);
}

async function totalCalls(stack: LocalStack, tenant: string): Promise<number> {
  const endpoints = await readInventory(stack.clients.doc, stack.names.inventoryTable, tenant);
  return endpoints.reduce((sum, e) => sum + e.calls, 0);
}
