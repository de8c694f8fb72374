/**
 * Ships records to Kinesis with PutRecords within its limits (500 records and 5 MiB per request),
 * retrying only the entries Kinesis failed, with exponential backoff and full jitter. When retries
 * run out it throws, so the invocation fails and AWS retries it rather than losing records.
 */
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';

export const MAX_RECORDS_PER_REQUEST = 500;
export const MAX_BYTES_PER_REQUEST = 5 * 1024 * 1024;

export interface ShipOptions {
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export class ShipRecordsError extends Error {
  constructor(failed: number, lastError: string) {
    super(`${failed} records could not be put to Kinesis after retries (last error: ${lastError})`);
    this.name = 'ShipRecordsError';
  }
}

/** Puts every record; resolves when all are accepted. */
export async function putAllRecords(
  kinesis: KinesisClient,
  streamName: string,
  records: readonly { data: Uint8Array; partitionKey: string }[],
  options: ShipOptions = {},
): Promise<void> {
  for (const request of chunkRequests(records)) await putWithRetries(kinesis, streamName, request, options);
}

/** Splits records into requests within PutRecords' count and size limits. */
export function chunkRequests(
  records: readonly { data: Uint8Array; partitionKey: string }[],
): PutRecordsRequestEntry[][] {
  const requests: PutRecordsRequestEntry[][] = [];
  let current: PutRecordsRequestEntry[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = r.data.byteLength + Buffer.byteLength(r.partitionKey);
    if (
      current.length > 0 &&
      (current.length >= MAX_RECORDS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)
    ) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ Data: r.data, PartitionKey: r.partitionKey });
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

async function putWithRetries(
  kinesis: KinesisClient,
  streamName: string,
  entries: PutRecordsRequestEntry[],
  options: ShipOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  let pending = entries;
  let lastError = 'none';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const result = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: pending }));
      if (!result.FailedRecordCount) return;
      const failed = pending.filter((_, i) => result.Records?.[i]?.ErrorCode !== undefined);
      lastError = result.Records?.find((r) => r.ErrorCode !== undefined)?.ErrorCode ?? 'unknown';
      pending = failed;
    } catch (error) {
      // The whole request failed (throttling, 5xx, network): retry all of it.
      lastError = (error as Error).name;
    }
    if (attempt < maxAttempts) await sleep(random() * base * 2 ** (attempt - 1));
  }
  throw new ShipRecordsError(pending.length, lastError);
}
