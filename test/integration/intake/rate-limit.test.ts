import { describe, it, expect } from '@jest/globals';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { acceptLogs, type IntakeDeps } from '#shared/intake/accept-logs';
import { createAuthenticator } from '#shared/intake/authenticate';
import { DEFAULT_LIMITS } from '#shared/intake/intake-request';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { newKey } from './intake-env.ts';

const { clients, names } = localEnv();

function deps(now: Date): IntakeDeps {
  return {
    authenticate: createAuthenticator(clients.doc, names.inventoryTable),
    doc: clients.doc,
    rateTable: names.inventoryTable,
    quota: { requestsPerMinute: 3, linesPerMinute: 1000 },
    limits: DEFAULT_LIMITS,
    kinesis: clients.kinesis,
    streamName: names.stream,
    now: () => now,
  };
}

function request(key: string, body: string): APIGatewayProxyEvent {
  return {
    headers: { Authorization: `Bearer ${key}` },
    queryStringParameters: { format: 'apigw', host: 'rate.example.com' },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  } as unknown as APIGatewayProxyEvent;
}

const line = (i: number) =>
  JSON.stringify({ requestTimeEpoch: 1714564800000 + i, httpMethod: 'GET', path: `/r/${i}`, status: 200 });

describe('per-tenant intake quota (local DynamoDB)', () => {
  it('answers 429 with Retry-After once a tenant spends its minute, while another tenant still gets 202', async () => {
    const noisy = await newKey(uniqueTenant('noisy'));
    const quiet = await newKey(uniqueTenant('quiet'));
    const at = new Date('2024-05-01T12:00:45.000Z');

    const spent = [];
    for (let i = 0; i < 4; i++) spent.push(await acceptLogs(request(noisy, line(i)), deps(at)));
    const other = await acceptLogs(request(quiet, line(9)), deps(at));
    const nextMinute = await acceptLogs(request(noisy, line(5)), deps(new Date('2024-05-01T12:01:01.000Z')));

    expect(spent.map((r) => r.statusCode)).toEqual([202, 202, 202, 429]);
    expect(spent[3]!.headers['Retry-After']).toBe('15');
    expect([other.statusCode, nextMinute.statusCode]).toEqual([202, 202]);
  });

  it('counts lines too: a body with more lines than the minute has left is refused whole', async () => {
    const key = await newKey(uniqueTenant('lines'));
    const at = new Date('2024-05-01T13:00:00.000Z');
    const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => line(from + i)).join('\n');

    const first = await acceptLogs(request(key, lines(900, 0)), deps(at));
    const second = await acceptLogs(request(key, lines(200, 900)), deps(at));
    const third = await acceptLogs(request(key, lines(100, 1100)), deps(at));

    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 429, 202]);
  });
});
