/**
 * A seeded run of the real forwarder core and consumer against DynamoDB Local and kinesalite, with
 * everything Lambda and DynamoDB may do to a batch: two or more shards consumed at once, batches of
 * random sizes, failed items retried from the lowest one, whole batches redelivered, throttled writes,
 * writes that succeed but whose answer is lost, forced templating-state conflicts, and records of
 * the same host arriving on several shards (a producer keying differently). Traffic makes templates
 * merge while all of that happens. The caller compares the stored totals with `sent`.
 *
 * The traffic, the faults and each consumer's choices come from the seed; how the shards' requests
 * interleave on the wire also depends on timing, which the seeded pauses between steps vary.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiCall } from '#events/api-call.schema';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import { deriveSecret, issueIngestKey } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { shipParsedLog } from '#shared/ingest/forward/ship-log';
import { putAllRecords } from '#shared/ingest/forward/put-records';
import type { StreamRecord } from '#shared/ingest/open-records';
import { drainAll } from '../../../bench/corpus/drain-stream.ts';
import { seededRng, type Rng } from '../../../bench/corpus/random.ts';

export interface RunSettings {
  readonly seed: number;
  readonly tenant: string;
  readonly dynamodbEndpoint: string;
  readonly kinesis: KinesisClient;
  readonly inventoryTable: string;
  readonly streamName: string;
  readonly shards: number;
  readonly hosts: number;
  readonly calls: number;
  /** Share of records put with a random partition key, so a host also shows up on other shards. */
  readonly misKeyedShare: number;
  /** Probability per write of each fault (0 turns faults off, e.g. for a clean benchmark). */
  readonly faultRate: number;
  readonly maxBatchRecords: number;
  /** Calls to send instead of the generated traffic (the benchmark sends a parsed ALB file). */
  readonly traffic?: readonly ApiCall[];
  /** Calls per forwarded log file (default 50: many small files). */
  readonly callsPerFile?: number;
  /** The consumer's quarantine: the real S3 writer, so a run that quarantines calls shows it. */
  readonly quarantine: ConsumeDeps['quarantine'];
}

export interface RunResult {
  /** Calls sent per host. */
  readonly sent: Map<string, number>;
  readonly records: number;
  invocations: number;
  /** Invocations that failed whole or reported failed items. */
  failedInvocations: number;
  redeliveries: number;
  /** Templating commits the consumer had to redo because another writer saved first. */
  stateConflicts: number;
  readonly faults: Record<FaultKind, number>;
  /** Errors the consumers reported through onError, by name. */
  readonly errors: Record<string, number>;
  /** Milliseconds spent forwarding (pack, sign, PutRecords) and consuming. */
  readonly shipMs: number;
  consumeMs: number;
  /** CPU time of this process while consuming (the rest of the wall time is waiting on servers). */
  consumeCpuMs: number;
  /** DynamoDB requests by command, with their summed latency. */
  readonly requests: Record<string, { count: number; ms: number }>;
}

type FaultKind = 'throttled' | 'lostAnswer' | 'stateConflict';

const MASTER = 'concurrent-consumers-master';

export async function runConcurrentConsumers(s: RunSettings): Promise<RunResult> {
  const rng = seededRng(s.seed);
  const credential = issueIngestKey(MASTER);
  await createStream(s.kinesis, s.streamName, s.shards);

  const sent = new Map<string, number>();
  const calls = s.traffic ?? traffic(rng, s.hosts, s.calls, sent);
  if (s.traffic !== undefined) for (const c of s.traffic) sent.set(c.host, (sent.get(c.host) ?? 0) + 1);
  const shipStarted = performance.now();
  // Most records come through the forwarder core as in production; some are re-keyed at random.
  const misKeyed: ApiCall[] = [];
  const forwarded: ApiCall[] = [];
  for (const call of calls) (rng() < s.misKeyedShare ? misKeyed : forwarded).push(call);
  // Many small log files (ALB writes one per node every five minutes), each shipped on its own.
  const files = chunk(forwarded, s.callsPerFile ?? 50);
  for (const [i, file] of files.entries()) {
    await shipParsedLog(batchesOf(file, 1000), `bench://file-${i}`, `${s.tenant}#file-${i}`, {
      kinesis: s.kinesis,
      streamName: s.streamName,
      credential,
      now: () => new Date(),
    });
  }
  const misKeyedRecords = chunk(misKeyed, 40).map((group, i) => ({
    data: sealEnvelope(
      {
        sentAt: new Date().toISOString(),
        origin: 'bench://mis-keyed',
        idempotencyKey: `${s.tenant}#mis-keyed#${i}`,
        calls: group,
        quarantined: [],
      },
      credential,
    ),
    partitionKey: `random-${Math.floor(rng() * 1e9)}`,
  }));
  await putAllRecords(s.kinesis, s.streamName, misKeyedRecords);

  const shipMs = performance.now() - shipStarted;
  const shards = await readShards(s.kinesis, s.streamName);
  const result: RunResult = {
    sent,
    records: [...shards.values()].reduce((n, r) => n + r.length, 0),
    invocations: 0,
    failedInvocations: 0,
    redeliveries: 0,
    stateConflicts: 0,
    faults: { throttled: 0, lostAnswer: 0, stateConflict: 0 },
    errors: {},
    shipMs,
    consumeMs: 0,
    consumeCpuMs: 0,
    requests: {},
  };
  const consumeStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  await Promise.all(
    [...shards].map(([shardId, records], index) =>
      consumeShard(s, shardId, records, seededRng(s.seed * 31 + index + 1), credential.keyId, result),
    ),
  );
  result.consumeMs = performance.now() - consumeStarted;
  const cpu = process.cpuUsage(cpuStarted);
  result.consumeCpuMs = (cpu.user + cpu.system) / 1000;
  return result;
}

/** Lambda's event source for one shard: in order, checkpoint before the lowest failed record. */
async function consumeShard(
  s: RunSettings,
  shardId: string,
  records: StreamRecord[],
  rng: Rng,
  keyId: string,
  result: RunResult,
): Promise<void> {
  const doc = faultyDoc(s, rng, result.faults, result.requests);
  let position = 0;
  for (let step = 0; position < records.length; step++) {
    if (step > 20 * records.length + 200)
      throw new Error(`${shardId}: no progress after ${step} invocations`);
    await pause(rng);
    const size = 1 + Math.floor(rng() * s.maxBatchRecords);
    const batch = records.slice(position, position + size);
    result.invocations++;
    let failedFrom: number | undefined;
    try {
      const outcome = await consumeRecords(batch, {
        doc,
        inventoryTable: s.inventoryTable,
        resolveKey: async (k) =>
          k === keyId ? { tenant: s.tenant, secret: deriveSecret(MASTER, k) } : undefined,
        quarantine: s.quarantine,
        now: () => new Date(),
        onError: (error) => {
          const name = (error as Error).name;
          result.errors[name] = (result.errors[name] ?? 0) + 1;
        },
      });
      result.stateConflicts += outcome.stats.stateConflicts;
      const failed = new Set(outcome.batchItemFailures.map((f) => f.itemIdentifier));
      const index = batch.findIndex((r) => failed.has(r.sequenceNumber));
      if (index >= 0) failedFrom = index;
    } catch (error) {
      const name = (error as Error).name;
      result.errors[name] = (result.errors[name] ?? 0) + 1;
      failedFrom = 0;
    }
    if (failedFrom !== undefined) {
      result.failedInvocations++;
      position += failedFrom;
    } else if (rng() < s.faultRate * 5 && position > 0) {
      // At-least-once: the checkpoint was lost, so the batch (and maybe the one before) comes again.
      result.redeliveries++;
      position = Math.max(0, position - Math.floor(rng() * s.maxBatchRecords));
    } else {
      position += batch.length;
    }
  }
}

/**
 * The real DynamoDB client behind a wrapper that fails some writes the ways DynamoDB can: throttled
 * before anything happened, answered with an error after the write took effect, and templating-state
 * commits refused as if another consumer had saved first. One SDK attempt, so the consumer sees them.
 */
function faultyDoc(
  s: RunSettings,
  rng: Rng,
  faults: Record<FaultKind, number>,
  requests: RunResult['requests'],
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: s.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const realSend = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  const send = async (command: unknown): Promise<unknown> => {
    const started = performance.now();
    const name = (command as object).constructor.name;
    try {
      return await realSend(command);
    } finally {
      const r = (requests[name] ??= { count: 0, ms: 0 });
      r.count++;
      r.ms += performance.now() - started;
    }
  };
  (doc as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    const name = (command as object).constructor.name;
    const isWrite = /^(Put|Update|Delete|TransactWrite)Command$/.test(name);
    if (!isWrite || s.faultRate === 0) return send(command);
    const input = (command as { input: { Key?: { sk?: string }; Item?: { sk?: string } } }).input;
    const sk = input.Key?.sk ?? input.Item?.sk ?? '';
    // A commit of templating state (a put) refused as if another consumer had saved first.
    if (name === 'PutCommand' && sk.startsWith('TPL#') && rng() < s.faultRate * 10) {
      faults.stateConflict++;
      throw new ConditionalCheckFailedException({ message: 'injected conflict', $metadata: {} });
    }
    const roll = rng();
    if (roll < s.faultRate) {
      faults.throttled++;
      throw Object.assign(new Error('injected throttling'), {
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
    }
    const answer = await send(command);
    if (roll < s.faultRate * 2) {
      faults.lostAnswer++;
      throw Object.assign(new Error('injected lost answer'), {
        name: 'InternalServerError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    }
    return answer;
  };
  return doc;
}

/**
 * Calls over `hosts` hosts whose paths make templates merge as traffic goes: collections whose
 * members are words (merged once four continue the same way), dotted values, ids, static routes.
 */
function traffic(rng: Rng, hosts: number, count: number, sent: Map<string, number>): readonly ApiCall[] {
  const words = Array.from({ length: 400 }, () => word(rng));
  const out: ApiCall[] = [];
  for (let i = 0; i < count; i++) {
    const host = `api${Math.floor(rng() * hosts)}.example.com`;
    // The vocabulary widens as traffic goes on, so merges keep happening mid-run.
    const w = words[Math.floor(rng() * Math.min(words.length, 8 + (i * words.length) / count))]!;
    const shape = rng();
    const path =
      shape < 0.3
        ? `/shops/${w}/items`
        : shape < 0.45
          ? `/shops/${w}`
          : shape < 0.6
            ? `/people/${w}.${word(rng)}`
            : shape < 0.75
              ? `/orders/${Math.floor(rng() * 1e6)}`
              : shape < 0.85
                ? `/teams/${w}/members/${word(rng)}/roles`
                : ['/health', '/status', '/v1/config', '/login'][Math.floor(rng() * 4)]!;
    sent.set(host, (sent.get(host) ?? 0) + 1);
    out.push({
      source: 'alb',
      time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      host,
      method: rng() < 0.8 ? 'GET' : 'POST',
      path,
      status: rng() < 0.9 ? 200 : 404,
      clientIp: `198.51.100.${Math.floor(rng() * 250)}`,
      latencyMs: Math.floor(rng() * 100),
    });
  }
  return out;
}

function word(rng: Rng): string {
  const syllables = ['ka', 'lo', 'mi', 'ru', 'ten', 'sor', 'vel', 'an', 'dri', 'po', 'zu', 'fen'];
  let out = '';
  for (let n = 2 + Math.floor(rng() * 2); n > 0; n--) out += syllables[Math.floor(rng() * syllables.length)];
  return out;
}

async function* batchesOf(calls: ApiCall[], size: number) {
  for (const group of chunk(calls, size)) yield { calls: group, quarantined: [], lines: group.length };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function createStream(kinesis: KinesisClient, name: string, shards: number): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (let i = 0; i < 100; i++) {
    const d = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (d.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`stream ${name} did not become active`);
}

/** The stream's records by shard, each in order (bench/corpus/drain-stream.ts reads them). */
async function readShards(kinesis: KinesisClient, name: string): Promise<Map<string, StreamRecord[]>> {
  const out = new Map<string, StreamRecord[]>();
  for (const record of await drainAll(kinesis, name)) {
    const shard = out.get(record.shardId) ?? [];
    out.set(record.shardId, [...shard, record]);
  }
  return out;
}

const pause = (rng: Rng) => new Promise((r) => setTimeout(r, Math.floor(rng() * 4)));
