/**
 * The forwarders' intake path: raw log lines posted to Surveyor's HTTPS intake with the tenant's
 * ingest key, instead of signed records put on the stream through a cross-account role. The intake
 * parses, signs and ships them; the customer's account needs only the key.
 *
 * Lines go in gzip bodies of at most MAX_RAW_BYTES of text each: even incompressible, a body stays
 * within the intake's 4 MiB (shared/intake/intake-request.ts DEFAULT_LIMITS), which itself fits
 * Lambda's 6 MB payload once base64-encoded. Each body carries an `Idempotency-Key`
 * derived from the source and the body's position, so a redelivered file or a retried request is
 * applied once. 429 and 5xx are retried with backoff (honouring Retry-After); any other refusal
 * fails the invocation, which AWS retries and then reports.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { SignIntakeRequest } from './intake-signing.ts';
import type { ShipStats } from './ship-log.ts';

export const MAX_RAW_BYTES = 3 * 1024 * 1024;

export interface IntakeDelivery {
  /** `https://.../v1/logs`, or `https://.../v1/aws/logs` with `sign` */
  readonly intakeUrl: string;
  /** The tenant's ingest key, `ik_x.secret`. */
  readonly key: string;
  /** SigV4 with the forwarder's AWS credentials (the IAM route): the key then goes in X-Surveyor-Key. */
  readonly sign?: SignIntakeRequest;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface IntakeQuery {
  readonly format: 'alb' | 'apigw';
  readonly host?: string;
}

/** Whether forwarders deliver to the intake (the template's way) or put records on the stream. */
export function isIntakeDelivery(deps: object): deps is IntakeDelivery {
  return 'intakeUrl' in deps;
}

/** Posts every line `batches` yields; `idempotencyBase` identifies the source (object + etag...). */
export async function postToIntake(
  batches: AsyncIterable<string[]>,
  query: IntakeQuery,
  idempotencyBase: string,
  delivery: IntakeDelivery,
): Promise<ShipStats> {
  const url = new URL(delivery.intakeUrl);
  url.searchParams.set('format', query.format);
  if (query.host !== undefined) url.searchParams.set('host', query.host);
  // Visible ASCII of bounded length whatever the object key holds.
  const base = createHash('sha256').update(idempotencyBase).digest('base64url');
  const stats: ShipStats = { lines: 0, calls: 0, quarantined: 0, records: 0 };
  let body: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (body.length === 0) return;
    const counts = await postBody(
      url,
      gzipSync(body.join('\n') + '\n'),
      `${base}#${stats.records}`,
      delivery,
    );
    stats.lines += counts.lines;
    stats.calls += counts.calls;
    stats.quarantined += counts.quarantined;
    stats.records++;
    body = [];
    bytes = 0;
  };
  for await (const lines of batches) {
    for (const line of lines) {
      if (bytes + line.length + 1 > MAX_RAW_BYTES) await flush();
      body.push(line);
      bytes += line.length + 1;
    }
  }
  await flush();
  return stats;
}

async function postBody(
  url: URL,
  gz: Buffer,
  idempotencyKey: string,
  delivery: IntakeDelivery,
): Promise<{ lines: number; calls: number; quarantined: number }> {
  const attempts = delivery.maxAttempts ?? 8;
  const sleep = delivery.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        // Signed per attempt: a signature is valid for 15 minutes and retries can outlast one.
        headers: await requestHeaders(url, gz, idempotencyKey, delivery),
        body: gz,
      });
      const text = await response.text();
      if (response.status === 202)
        return JSON.parse(text) as { lines: number; calls: number; quarantined: number };
      last = `${response.status} ${text.slice(0, 200)}`;
      if (response.status !== 429 && response.status < 500) throw new IntakeRefusedError(last);
      const header = Number(response.headers.get('retry-after'));
      if (Number.isFinite(header) && header > 0) retryAfterMs = header * 1000;
    } catch (error) {
      if (error instanceof IntakeRefusedError) throw error;
      last = (error as Error).message;
    }
    if (attempt < attempts)
      await sleep(retryAfterMs ?? Math.random() * (delivery.baseDelayMs ?? 200) * 2 ** (attempt - 1));
  }
  throw new IntakeUnavailableError(attempts, last);
}

async function requestHeaders(
  url: URL,
  body: Buffer,
  idempotencyKey: string,
  delivery: IntakeDelivery,
): Promise<Record<string, string>> {
  const common = {
    'content-encoding': 'gzip',
    'content-type': 'text/plain',
    'idempotency-key': idempotencyKey,
  };
  if (delivery.sign === undefined) return { ...common, authorization: `Bearer ${delivery.key}` };
  return delivery.sign({ url, body, headers: { ...common, 'x-surveyor-key': `Bearer ${delivery.key}` } });
}

export class IntakeRefusedError extends Error {
  constructor(answer: string) {
    super(`the intake refused the logs: ${answer}`);
    this.name = 'IntakeRefusedError';
  }
}

export class IntakeUnavailableError extends Error {
  constructor(attempts: number, last: string) {
    super(`the intake did not accept the logs after ${attempts} attempts (last: ${last})`);
    this.name = 'IntakeUnavailableError';
  }
}
