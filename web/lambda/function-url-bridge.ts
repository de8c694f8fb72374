/**
 * Lambda Function URL (payload 2.0, the shape API Gateway HTTP APIs send too) to an HTTP server on
 * loopback in the same process, and its answer back: what AWS's Lambda Web Adapter does, without a
 * layer we could not fetch. The whole answer is buffered (Function URL's buffered mode, 6 MB).
 *
 * Only CloudFront may call: it adds a secret origin header, and a request without it is refused
 * before reaching Next. The client address Next sees is the one CloudFront saw
 * (`cloudfront-viewer-address`), never a client's own `x-forwarded-for`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { PORTAL_ORIGIN_VERIFY_HEADER } from '#shared/resources/handler-env';

export const ORIGIN_VERIFY_HEADER = PORTAL_ORIGIN_VERIFY_HEADER;

export interface BridgeOptions {
  /** Where the server listens: `http://127.0.0.1:3000`. */
  readonly origin: string;
  /** The origin secret; undefined accepts every caller (tests against a local server). */
  readonly originVerify: string | undefined;
}

interface Forwarded {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

// Hop-by-hop headers, and those the bridge sets itself from what it trusts.
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-port',
  ORIGIN_VERIFY_HEADER,
]);

/** `(event) => result`: one bridged request per invocation. */
export function functionUrlBridge(options: BridgeOptions) {
  return async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> => {
    if (
      options.originVerify !== undefined &&
      !sameSecret(event.headers?.[ORIGIN_VERIFY_HEADER], options.originVerify)
    )
      return jsonAnswer(403, { error: 'forbidden', message: 'Use the portal address' });
    const answer = await forward(options.origin, forwardedRequest(event));
    return toResult(answer);
  };
}

/** The request to replay against the server, built only from the event. */
export function forwardedRequest(event: LambdaFunctionURLEvent): Forwarded {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const key = name.toLowerCase();
    if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(key)) headers[key] = value;
  }
  // Payload 2.0 moves cookies out of the headers.
  if (event.cookies !== undefined && event.cookies.length > 0) headers.cookie = event.cookies.join('; ');
  headers['x-forwarded-for'] = viewerAddress(event);
  headers['x-forwarded-proto'] = 'https';
  const body =
    event.body === undefined || event.body === null
      ? undefined
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (body !== undefined) headers['content-length'] = String(body.length);
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  return { method: event.requestContext.http.method, path: `${event.rawPath}${query}`, headers, body };
}

/** `cloudfront-viewer-address` is `ip:port` (IPv6 unbracketed); without CloudFront, the caller's address. */
function viewerAddress(event: LambdaFunctionURLEvent): string {
  const viewer = event.headers?.['cloudfront-viewer-address'];
  if (viewer !== undefined && viewer.includes(':')) return viewer.slice(0, viewer.lastIndexOf(':'));
  return event.requestContext.http.sourceIp;
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(origin: string, req: Forwarded): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(req.path, origin),
      { method: req.method, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Set-Cookie goes to `cookies`; other repeated headers are joined; the body is base64 (any bytes). */
export function toResult(answer: Answer): LambdaFunctionURLResult {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined || name === 'connection' || name === 'transfer-encoding' || name === 'keep-alive')
      continue;
    if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
    else headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    statusCode: answer.status,
    headers,
    ...(cookies.length > 0 && { cookies }),
    body: answer.body.toString('base64'),
    isBase64Encoded: true,
  };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return given !== undefined && timingSafeEqual(a, b);
}

function jsonAnswer(statusCode: number, body: unknown): LambdaFunctionURLResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
