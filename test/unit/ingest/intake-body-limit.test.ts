/**
 * The intake's body limit is one AWS can honour: the largest body it accepts still reaches the
 * function inside Lambda's request payload limit (so a larger one gets the function's 413, not an
 * invocation failure API Gateway turns into 5xx), and the forwarders never send a body over it.
 */
import { describe, it, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError } from '#shared/intake/errors';
import { DEFAULT_LIMITS, LAMBDA_REQUEST_PAYLOAD_BYTES, decodeBody } from '#shared/intake/intake-request';
import { MAX_RAW_BYTES } from '#shared/ingest/forward/post-to-intake';

const LIMIT = DEFAULT_LIMITS.maxBodyBytes;
/** API Gateway REST quotas: request headers and the URL (path and query) at most 10 KB each. */
const HEADER_BYTES = 10 * 1024;
const URL_BYTES = 10 * 1024;

/** A proxy event as API Gateway builds it for a binary body: base64, headers and query twice. */
function proxyEvent(body: Buffer): APIGatewayProxyEvent {
  const header = 'x'.repeat(HEADER_BYTES);
  const query = 'q'.repeat(URL_BYTES);
  return {
    resource: '/v1/logs',
    path: '/v1/logs',
    httpMethod: 'POST',
    headers: { 'X-Padding': header },
    multiValueHeaders: { 'X-Padding': [header] },
    queryStringParameters: { format: query },
    multiValueQueryStringParameters: { format: [query] },
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: 'POST',
      identity: { sourceIp: '203.0.113.9', userAgent: 'x'.repeat(1024) },
      path: '/prod/v1/logs',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_764_633_600_000,
      resourceId: 'abc123',
      resourcePath: '/v1/logs',
    } as unknown as APIGatewayProxyEvent['requestContext'],
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

describe('intake body limit', () => {
  it('keeps the largest accepted body, base64 in a worst-case proxy event, inside Lambda’s payload limit', () => {
    const event = proxyEvent(Buffer.alloc(LIMIT, 'a'));

    const payload = Buffer.byteLength(JSON.stringify(event));

    expect(payload).toBeLessThan(LAMBDA_REQUEST_PAYLOAD_BYTES);
  });

  it('accepts a body at the limit and answers 413 one byte above it', () => {
    const atLimit = decodeBody(proxyEvent(Buffer.alloc(LIMIT, 'a')), DEFAULT_LIMITS);

    expect(atLimit.length).toBe(LIMIT);
    expect(() => decodeBody(proxyEvent(Buffer.alloc(LIMIT + 1, 'a')), DEFAULT_LIMITS)).toThrow(
      PayloadTooLargeError,
    );
  });

  it('keeps a forwarder body within the limit even when its text does not compress', () => {
    // Random bytes as base64 text: gzip shrinks it only to ~3/4 (6 bits of entropy per byte).
    const incompressible = randomBytes((MAX_RAW_BYTES * 3) / 4).toString('base64');

    const body = gzipSync(incompressible);

    expect(incompressible.length).toBe(MAX_RAW_BYTES);
    expect(body.length).toBeLessThanOrEqual(LIMIT);
  });
});
