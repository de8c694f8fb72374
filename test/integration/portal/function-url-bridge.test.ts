import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { startLocalPortal, type LocalPortal } from '#local/stack/portal';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { functionUrlBridge, ORIGIN_VERIFY_HEADER } from '../../../web/lambda/function-url-bridge.ts';
import { localEnv } from '../local-env.ts';

const SECRET = 'origin-secret-for-tests';
const pageEvent = (): LambdaFunctionURLEvent =>
  JSON.parse(readFileSync(new URL('../../events/function-url/get-page.json', import.meta.url), 'utf8'));

type Structured = Exclude<LambdaFunctionURLResult, string>;
/** The answer's body as text, unzipped when the server compressed it (the bridge passes encodings through). */
const decoded = (result: LambdaFunctionURLResult) => {
  const r = result as Structured;
  const bytes = Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8');
  return {
    ...r,
    text: (r.headers?.['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8'),
  };
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny stand-in for Next: records the request, answers with two cookies, a redirect or bytes. */
async function recordingServer(): Promise<{ server: Server; origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url === '/go') {
        res.writeHead(307, { location: '/signin' }).end();
        return;
      }
      if (req.url === '/bytes') {
        res
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end(Buffer.from([0, 255, 128, 10]));
        return;
      }
      res.setHeader('set-cookie', ['a=1; Path=/; HttpOnly', 'b=2; Path=/; Secure']);
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-extra': 'yes' })
        .end('<h1>Sign in</h1>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('the Function URL bridge against a stand-in server', () => {
  let stub: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    stub = await recordingServer();
  });
  afterAll(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));

  it('replays path, query, cookies and the viewer address CloudFront saw, not the client-sent one', async () => {
    const bridge = functionUrlBridge({ origin: stub.origin, originVerify: SECRET });

    const result = decoded(await bridge(pageEvent()));

    const request = stub.seen.at(-1)!;
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/signin?callbackUrl=%2Finventory&x=1');
    expect(request.headers.cookie).toBe('next-auth.csrf-token=abc%7Cdef; theme=dark');
    expect(request.headers['x-forwarded-for']).toBe('203.0.113.7');
    expect(request.headers['x-forwarded-host']).toBe('app.surveyor.example');
    expect(request.headers['x-forwarded-proto']).toBe('https');
    expect(request.headers[ORIGIN_VERIFY_HEADER]).toBeUndefined();
    expect(result.statusCode).toBe(200);
    expect(result.text).toBe('<h1>Sign in</h1>');
    expect(result.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'x-extra': 'yes' });
    expect(result.cookies).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Secure']);
    expect(result.headers?.['set-cookie']).toBeUndefined();
  });

  it('passes a base64 POST body through and answers bytes as base64', async () => {
    const bridge = functionUrlBridge({ origin: stub.origin, originVerify: SECRET });
    const event = pageEvent();
    event.requestContext.http.method = 'POST';
    event.rawPath = '/bytes';
    event.rawQueryString = '';
    event.body = Buffer.from('email=a%40b.example&password=x').toString('base64');
    event.isBase64Encoded = true;

    const result = (await bridge(event)) as Structured;

    const request = stub.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/bytes', body: 'email=a%40b.example&password=x' });
    expect(request.headers['content-length']).toBe('30');
    expect(result.isBase64Encoded).toBe(true);
    expect([...Buffer.from(result.body!, 'base64')]).toEqual([0, 255, 128, 10]);
  });

  it('returns redirects as they are rather than following them', async () => {
    const bridge = functionUrlBridge({ origin: stub.origin, originVerify: SECRET });
    const event = { ...pageEvent(), rawPath: '/go', rawQueryString: '' };

    const result = (await bridge(event)) as Structured;

    expect(result.statusCode).toBe(307);
    expect(result.headers?.location).toBe('/signin');
  });

  it('refuses a request without the origin secret before it reaches the server', async () => {
    const bridge = functionUrlBridge({ origin: stub.origin, originVerify: SECRET });
    const before = stub.seen.length;
    const event = pageEvent();
    event.headers[ORIGIN_VERIFY_HEADER] = 'guessed';

    const result = decoded(await bridge(event));

    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.text)).toMatchObject({ error: 'forbidden' });
    expect(stub.seen.length).toBe(before);
  });
});

describe('the Function URL bridge against the built portal', () => {
  const { names } = localEnv();
  let portal: LocalPortal;
  beforeAll(async () => {
    process.env[HANDLER_ENV.inventoryTable] = names.inventoryTable;
    process.env[HANDLER_ENV.findingsTable] = names.findingsTable;
    portal = await startLocalPortal({
      host: '127.0.0.1',
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'bridge-portal-')),
      accountsTable: names.accountsTable,
      intakeUrl: undefined,
      log: () => undefined,
    });
  }, 240_000);
  afterAll(() => portal?.stop());

  it('answers a Function URL event for /signin with the sign-in page and its CSRF cookie flow intact', async () => {
    const bridge = functionUrlBridge({ origin: portal.url, originVerify: SECRET });
    const event = { ...pageEvent(), cookies: [] };
    event.headers['x-forwarded-host'] = new URL(portal.url).host;

    const page = decoded(await bridge(event));
    const csrf = decoded(await bridge({ ...event, rawPath: '/api/auth/csrf', rawQueryString: '' }));

    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject({
      'content-type': expect.stringMatching(/^text\/html/),
      'content-encoding': 'gzip',
    });
    expect(page.text).toContain('Sign in');
    expect(page.text).toContain('Email');
    expect(csrf.statusCode).toBe(200);
    expect(JSON.parse(csrf.text)).toEqual({ csrfToken: expect.any(String) });
    expect(csrf.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/csrf-token=/)]));
  });

  it('gives every page a fresh CSP nonce that its scripts carry, and no unsafe-inline scripts', async () => {
    const bridge = functionUrlBridge({ origin: portal.url, originVerify: SECRET });
    const event = { ...pageEvent(), cookies: [] };

    const [first, second] = [decoded(await bridge(event)), decoded(await bridge(event))];

    const nonceOf = (r: typeof first) =>
      /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(
        String(r.headers?.['content-security-policy']),
      )?.[1];
    const nonce = nonceOf(first);
    expect(nonce).toEqual(expect.any(String));
    expect(nonceOf(second)).not.toBe(nonce);
    expect(String(first.headers?.['content-security-policy'])).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = first.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});
