/**
 * The intake on loopback: a small HTTP server that plays API Gateway in front of
 * functions/intake-logs.ts. Like API Gateway it answers 413 itself above the 10 MiB request limit
 * (reading and dropping the rest), 403 for any other route, 502 when the function fails; everything else
 * is the function's own answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DEFAULT_LIMITS } from '#shared/intake/intake-request';
import { apiGatewayEvent } from './api-gateway-event.ts';
import { invoke, type LambdaHandler } from './invoke.ts';

export const INTAKE_PATH = '/v1/logs';

export interface IntakeServerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly handler: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;
  readonly region: string;
  readonly maxBodyBytes?: number;
}

export interface IntakeServer {
  /** `http://127.0.0.1:<port>/v1/logs` */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startIntakeServer(options: IntakeServerOptions): Promise<IntakeServer> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
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
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  if (request.method !== 'POST' || path !== INTAKE_PATH) {
    request.resume();
    return send(response, 403, { message: 'Missing Authentication Token' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped, so every client sees the 413 (not a reset).
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  }
  if (size > maxBody) return send(response, 413, { message: 'Request Too Long' });
  const event = apiGatewayEvent(request, Buffer.concat(chunks), {
    resource: INTAKE_PATH,
    stage: 'v1',
    apiId: 'local',
    accountId: '000000000000',
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
