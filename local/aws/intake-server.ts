/**
 * The intake on loopback: a small HTTP server that plays API Gateway in front of
 * functions/intake-logs.ts. Like API Gateway it answers 413 itself above its 10 MiB request limit
 * (reading and dropping the rest), 403 for any other route, 502 when the function fails; everything else
 * is the function's own answer (413 above the intake's own 4 MiB, DEFAULT_LIMITS). The IAM route (`/v1/aws/logs`) checks SigV4 against `awsPrincipals`
 * and hands the function the signer's account, as API Gateway's IAM authorization does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { INTAKE_PATH, SIGNED_INTAKE_PATH } from '#shared/ingest/forward/intake-signing';
import { apiGatewayEvent } from './api-gateway-event.ts';
import { invoke, type LambdaHandler } from './invoke.ts';
import { MISSING_TOKEN, verifySigV4, type LocalAwsPrincipal } from './sigv4-verifier.ts';

/** API Gateway's request body limit (REST APIs). */
const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface IntakeServerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly handler: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  readonly region: string;
  readonly maxBodyBytes?: number;
  /** Who may call the IAM route, and their accounts; none: every signed request is refused. */
  readonly awsPrincipals?: readonly LocalAwsPrincipal[];
}

export interface IntakeServer {
  /** `http://127.0.0.1:<port>/v1/logs` */
  readonly url: string;
  /** `http://127.0.0.1:<port>/v1/aws/logs` (SigV4, the key in X-Surveyor-Key) */
  readonly signedUrl: string;
  stop(): Promise<void>;
}

export async function startIntakeServer(options: IntakeServerOptions): Promise<IntakeServer> {
  const maxBody = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  const server = createServer((request, response) => {
    handle(request, response, options, maxBody).catch(() =>
      send(response, 502, { message: 'Internal server error' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}${INTAKE_PATH}`,
    signedUrl: `http://${options.host}:${port}${SIGNED_INTAKE_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: IntakeServerOptions,
  maxBody: number,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://local');
  const route = url.pathname;
  if (request.method !== 'POST' || (route !== INTAKE_PATH && route !== SIGNED_INTAKE_PATH)) {
    request.resume();
    return send(response, 403, { message: MISSING_TOKEN });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped, so every client sees the 413 (not a reset).
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  }
  if (size > maxBody) return send(response, 413, { message: 'Request Too Long' });
  const body = Buffer.concat(chunks);
  let callerAccount: string | null = null;
  if (route === SIGNED_INTAKE_PATH) {
    const verdict = await verifySigV4(
      { method: 'POST', url, headers: request.headers, body },
      options.awsPrincipals ?? [],
      options.region,
      new Date(),
    );
    if (!verdict.ok) return send(response, 403, { message: verdict.message });
    callerAccount = verdict.accountId;
  }
  const event = apiGatewayEvent(request, body, {
    resource: route,
    stage: 'v1',
    apiId: 'local',
    accountId: '000000000000',
    callerAccount,
  });
  // API Gateway's integration timeout is 29 s.
  const outcome = await invoke(options.handler, event, {
    functionName: 'intake-logs',
    region: options.region,
    timeoutMs: 29_000,
  });
  if (!outcome.ok) return send(response, 502, { message: 'Internal server error' });
  const result = outcome.response;
  response.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  response.end(result.body);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
