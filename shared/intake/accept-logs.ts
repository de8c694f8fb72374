/**
 * The intake's core (functions/intake-logs.ts is its thin handler, used by API Gateway and by the
 * local stack alike): authenticate the key, read the body within limits, charge the tenant's quota,
 * parse the lines and ship them as signed envelopes into the same pipeline the forwarders feed.
 *
 * Exactly once: each request's envelopes carry idempotency keys derived from the key id and the
 * sender's `Idempotency-Key` (or the body's hash), so a shipper that retries a request after a
 * timeout or a 5xx adds nothing twice (the consumer's claim-envelopes drops the repeats).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { ShipOptions } from '#shared/ingest/forward/put-records';
import { shipParsedLog } from '#shared/ingest/forward/ship-log';
import { parseLog } from '#shared/logs/parse-log';
import type { Authenticate } from './authenticate.ts';
import { errorResponse, respond, UnauthorizedError, type IntakeResponse } from './errors.ts';
import {
  countLines,
  decodeBody,
  header,
  idempotencyKey,
  lineBatches,
  parseIntakeQuery,
  type IntakeLimits,
} from './intake-request.ts';
import { chargeQuota, type TenantQuota } from './rate-limit.ts';

export interface IntakeDeps {
  readonly authenticate: Authenticate;
  readonly doc: DynamoDBDocumentClient;
  /** Holds the per-tenant rate windows (the inventory table's `RATE#` partitions). */
  readonly rateTable: string;
  readonly quota: TenantQuota;
  readonly limits: IntakeLimits;
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly now: () => Date;
  readonly ship?: ShipOptions;
  /** Unexpected failures (answered 500 without details). */
  readonly onError?: (error: unknown) => void;
}

/** What a 202 answers: lines read, calls accepted, lines quarantined (with reasons, for the tenant). */
export interface IntakeCounts {
  readonly lines: number;
  readonly calls: number;
  readonly quarantined: number;
}

export async function acceptLogs(event: APIGatewayProxyEvent, deps: IntakeDeps): Promise<IntakeResponse> {
  try {
    // First, before reading anything else: an unauthenticated request gets no work and no storage.
    // A request signed with AWS credentials (the IAM route) carries SigV4 in Authorization and the
    // key in X-Surveyor-Key; API Gateway verified the signature and names the caller's account.
    const signedAccount = event.requestContext?.identity?.accountId ?? undefined;
    const caller = await deps.authenticate(header(event, 'x-surveyor-key') ?? header(event, 'authorization'));
    // A bound key is refused from anyone else, with the same 401 as a wrong key (no oracle).
    if (caller.awsAccount !== undefined && caller.awsAccount !== signedAccount) throw new UnauthorizedError();
    const options = parseIntakeQuery(event.queryStringParameters);
    const decoded = decodeBody(event, deps.limits);
    const text = decoded.toString('utf8');
    const lines = countLines(text);
    if (lines === 0) return respond(202, { lines: 0, calls: 0, quarantined: 0 } satisfies IntakeCounts);
    await chargeQuota(deps.doc, deps.rateTable, caller.tenant, lines, deps.quota, deps.now());
    const origin = `intake:${caller.source}`;
    const stats = await shipParsedLog(
      parseLog(lineBatches(text), { ...options, origin }),
      origin,
      `intake/${caller.credential.keyId}/${idempotencyKey(event, decoded)}`,
      {
        kinesis: deps.kinesis,
        streamName: deps.streamName,
        credential: caller.credential,
        // The intake knows the tenant: all its sources' records of a host go to one shard.
        partitionScope: caller.tenant,
        ...(signedAccount !== undefined && { senderAccount: signedAccount }),
        now: deps.now,
        ...(deps.ship !== undefined && { ship: deps.ship }),
      },
    );
    const counts: IntakeCounts = { lines: stats.lines, calls: stats.calls, quarantined: stats.quarantined };
    return respond(202, counts);
  } catch (error) {
    const response = errorResponse(error);
    if (response.statusCode >= 500) deps.onError?.(error);
    return response;
  }
}
