/**
 * The "done when", end to end: `npm start` running, a tenant's webhook on a local receiver
 * (added with the CLI) gets a verifiable finding.opened within seconds of traffic that opens a
 * finding, with no secret value from the traffic in it; unsafe destinations are refused.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { AlertEvent } from '#events/alert-event.schema';
import { startLocalStack, surveyor as run, type LocalStackProcess } from './run-cli.ts';

const root = process.cwd();
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
// Values planted in the fixture's URLs (see test/events/findings/README.md).
const PLANTED = [
  'jane.doe',
  '4111111111111111',
  '536-22-8714',
  'AKIAQ4NHCX7RZUPLWM3B',
  'hunter2',
  'eyJhbGciOiJSUzI1NiIs',
];
let stack: LocalStackProcess;
const surveyor = (args: string[]) => run(stack.env, args);
let receiver: Server;
let receiverUrl: string;
const received: { at: number; headers: Record<string, string>; body: string }[] = [];

async function until<T>(read: () => T, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  receiver = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ at: Date.now(), headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/surveyor`;
  stack = await startLocalStack({
    label: 'alerts',
    ports: [
      'SURVEYOR_DYNAMODB_PORT',
      'SURVEYOR_KINESIS_PORT',
      'SURVEYOR_S3_PORT',
      'SURVEYOR_ALERT_SINK_PORT',
      'SURVEYOR_PORTAL_PORT',
    ],
  });
}, 90_000);

afterAll(async () => {
  await stack.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('npm start, surveyor integrations and a webhook on a local receiver', () => {
  it.each([
    ['plain http off loopback', ['--type', 'webhook', '--url', 'http://10.0.0.7/hook'], 'loopback'],
    ['a private address', ['--type', 'webhook', '--url', 'https://10.0.0.7/hook'], 'private address'],
    [
      'the metadata address',
      ['--type', 'webhook', '--url', 'https://169.254.169.254/latest/meta-data'],
      'metadata',
    ],
    [
      'an IPv4-mapped private address',
      ['--type', 'webhook', '--url', 'https://[::ffff:192.168.0.1]/hook'],
      'private',
    ],
    ['a CGNAT address', ['--type', 'webhook', '--url', 'https://100.64.0.9/hook'], 'carrier-grade NAT'],
    [
      'credentials in the URL',
      ['--type', 'webhook', '--url', 'https://u:p@hooks.example.com/in'],
      'credentials',
    ],
    [
      'a Slack URL off Slack',
      ['--type', 'slack', '--url', 'https://hooks.example.com/services/x'],
      'hooks.slack.com',
    ],
    ['a malformed URL', ['--type', 'webhook', '--url', 'hooks example'], 'not a URL'],
    ['a short routing key', ['--type', 'pagerduty', '--routing-key', 'abc'], 'routingKey'],
  ])('refuses %s with a clear message and a non-zero exit', async (_what, flags, says) => {
    const result = await surveyor(['integrations', 'add', '--tenant', 'acme', ...flags]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toContain('    at ');
  });

  it('delivers a verifiable finding.opened within seconds of traffic that opens a finding', async () => {
    const add = await surveyor([
      'integrations',
      'add',
      '--tenant',
      'acme',
      '--type',
      'webhook',
      '--url',
      receiverUrl,
      '--secret',
      SECRET,
    ]);
    expect([add.code, add.stderr]).toEqual([0, '']);
    const id = /added (int_[0-9a-f]{16}) webhook/.exec(add.stdout)![1]!;
    const listed = await surveyor(['integrations', 'list', '--tenant', 'acme', '--json']);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(SECRET);

    const test = await surveyor(['integrations', 'test', id, '--tenant', 'acme']);
    expect(test.stdout).toContain('delivered (HTTP 204');
    const probe = new Webhook(SECRET).verify(received[0]!.body, received[0]!.headers) as AlertEvent;
    expect(probe.data.test).toBe(true);

    const ingest = await surveyor([
      'local',
      'ingest',
      '--tenant',
      'acme',
      join(root, 'test/events/findings/alb-public.log'),
    ]);
    const ingested = Date.now();
    expect(ingest.code).toBe(0);
    const events = await until(
      () => received.slice(1),
      (r) => r.some((x) => x.body.includes('"finding.opened"')),
    );
    const opened = events.find((r) => r.body.includes('"finding.opened"'))!;
    expect(opened.at - ingested).toBeLessThan(10_000);
    const event = new Webhook(SECRET).verify(opened.body, opened.headers) as AlertEvent;
    expect(event.type).toBe('finding.opened');
    expect(event.data.finding).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        severity: expect.any(String),
        host: expect.any(String),
      }),
    );
    const findings = JSON.parse((await surveyor(['findings', '--tenant', 'acme', '--json'])).stdout) as {
      findings: { id: string }[];
    };
    expect(findings.findings.map((f) => f.id)).toContain(event.data.finding!.id);

    // Everything that reached the receiver by now: findings and new endpoints, none with a planted value.
    await new Promise((r) => setTimeout(r, 3000));
    const everything = received.map((r) => r.body).join('\n');
    expect(everything).toContain('endpoint.discovered');
    for (const value of PLANTED) expect(everything).not.toContain(value);

    const removed = await surveyor(['integrations', 'remove', id, '--tenant', 'acme']);
    expect(removed.stdout).toContain(`removed ${id}`);
    expect((await surveyor(['integrations', 'list', '--tenant', 'acme'])).stdout).toContain(
      'no integrations',
    );
    expect(readFileSync(join(stack.dataDir, 'alerts-key'), 'utf8').length).toBeGreaterThan(40);
  }, 90_000);
});
