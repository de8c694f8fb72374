/**
 * An HTTP request as API Gateway (REST API, Lambda proxy integration, binary media type `*\/*`)
 * hands it to Lambda: single- and multi-value headers and query parameters, the body base64-encoded,
 * the caller's address in requestContext.identity.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export interface ProxyRoute {
  readonly resource: string;
  readonly stage: string;
  readonly apiId: string;
  readonly accountId: string;
  /** The IAM-authorized caller's account (`requestContext.identity.accountId`); null without IAM. */
  readonly callerAccount?: string | null;
}

/** `apiGatewayEvent(req, body, { resource: '/v1/logs', stage: 'v1', ... })` */
export function apiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  route: ProxyRoute,
): APIGatewayProxyEvent {
  const url = new URL(request.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    const value = request.rawHeaders[i + 1]!;
    // API Gateway keeps the last value of a repeated header in `headers`, all in `multiValueHeaders`.
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = Object.keys(query).length > 0;
  const now = Date.now();
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return {
    resource: route.resource,
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: null,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString('base64'),
    isBase64Encoded: body.length > 0,
    requestContext: {
      accountId: route.accountId,
      apiId: route.apiId,
      authorizer: null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: request.method ?? 'GET',
      path: `/${route.stage}${url.pathname}`,
      stage: route.stage,
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: route.resource,
      identity: {
        accessKey: null,
        accountId: route.callerAccount ?? null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp,
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
    },
  };
}
