/**
 * API Gateway's IAM authorization on loopback: checks a request's SigV4 signature against known
 * local principals and names the signer's account, as API Gateway does in
 * `requestContext.identity.accountId`. The check re-signs exactly the headers the caller signed
 * with the principal's secret (the AWS SDK's own signer) and compares; the body must match its
 * signed hash, and the signature must be within 15 minutes of now. Session tokens are signed like
 * any header but not looked up (there is no STS here).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { SIGNING_SERVICE } from '#shared/ingest/forward/intake-signing';

export interface LocalAwsPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
}

export interface SignedRequest {
  readonly method: string;
  /** As received: `/v1/aws/logs?format=alb` */
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type Verdict = { ok: true; accountId: string } | { ok: false; message: string };

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

// API Gateway's own answers, all 403.
export const MISSING_TOKEN = 'Missing Authentication Token';
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const MISMATCH = 'The request signature we calculated does not match the signature you provided.';
const EXPIRED = 'Signature expired.';

export async function verifySigV4(
  request: SignedRequest,
  principals: readonly LocalAwsPrincipal[],
  region: string,
  now: Date,
): Promise<Verdict> {
  const authorization = single(request.headers.authorization);
  if (authorization === undefined) return { ok: false, message: MISSING_TOKEN };
  const match = AUTHORIZATION.exec(authorization);
  if (match === null) return { ok: false, message: INVALID_TOKEN };
  const [, accessKeyId, day, scopeRegion, service, signedList, signature] = match as unknown as string[];
  const principal = principals.find((p) => p.accessKeyId === accessKeyId);
  if (principal === undefined) return { ok: false, message: INVALID_TOKEN };
  if (scopeRegion !== region || service !== SIGNING_SERVICE) return { ok: false, message: MISMATCH };

  const signingDate = parseAmzDate(single(request.headers['x-amz-date']));
  if (signingDate === undefined || !signingDate.toISOString().replace(/-/g, '').startsWith(day!))
    return { ok: false, message: MISMATCH };
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) return { ok: false, message: EXPIRED };

  const signedHeaders = signedList!.split(';');
  if (!signedHeaders.includes('host')) return { ok: false, message: MISMATCH };
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return { ok: false, message: MISMATCH };
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // A signed body hash must be the body's: otherwise the body could be swapped under a signature.
  const claimed = headers['x-amz-content-sha256'];
  if (claimed !== undefined && claimed !== createHash('sha256').update(request.body).digest('hex'))
    return { ok: false, message: MISMATCH };

  const signer = new SignatureV4({
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    region,
    service: SIGNING_SERVICE,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host!,
      path: request.url.pathname,
      query: queryOf(request.url),
      headers,
      body: request.body,
    },
    // The caller chose what to sign: sign exactly those, even ones the SDK would skip.
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const ours = /Signature=([0-9a-f]{64})/.exec(expected.headers.authorization ?? '')?.[1] ?? '';
  return ours.length === signature!.length && timingSafeEqual(Buffer.from(ours), Buffer.from(signature!))
    ? { ok: true, accountId: principal.accountId }
    : { ok: false, message: MISMATCH };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `20240501T120000Z` -> Date */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}
