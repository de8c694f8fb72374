import { beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { localEnv } from '../local-env.ts';
import { tableCanary } from '#shared/scans/callback-canary';
import { invoke, type LambdaHandler } from '#local/aws/invoke';
import { loadHandler } from '#local/aws/load-handler';
import { handlerEnvironment } from '#local/stack/stack-env';

const ZONE = 'cb.surveyor-test.example';
const { clients, names, endpoints } = localEnv();
const inventory = { doc: clients.doc, tableName: names.inventoryTable };
let handler: LambdaHandler<CloudWatchLogsEvent>;

/** A CloudWatch Logs subscription delivery of Route 53 query log lines, as Lambda receives it. */
function delivery(messages: string[], messageType = 'DATA_MESSAGE'): CloudWatchLogsEvent {
  const data = {
    messageType,
    owner: '123456789012',
    logGroup: `/aws/route53/${ZONE}`,
    logStream: 'Z0123456789ABCDEFGHIJ/FRA56-C1',
    subscriptionFilters: ['ToRecorder'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: Date.now(), message })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
}

const query = (name: string) =>
  `1.0 ${new Date().toISOString()} Z0123456789ABCDEFGHIJ ${name} A NOERROR UDP FRA56-C1 192.0.2.53 -`;

beforeAll(async () => {
  Object.assign(process.env, handlerEnvironment(endpoints, names, 'us-east-1', 'unused'), {
    SCAN_CALLBACK_ZONE: ZONE,
  });
  const loaded = await loadHandler<CloudWatchLogsEvent>('record-callbacks');
  if (!loaded.ok) throw new Error(loaded.reason);
  handler = loaded.handler;
});

describe('the AWS Log4Shell listener (Route 53 query logs -> record-callbacks)', () => {
  it('records the queried marker so the scan check finds it, and nothing outside the zone', async () => {
    const marker = `a1b2c3d4e5f6.${Date.now().toString(16)}.${ZONE}`;
    const outside = `a1b2c3d4e5f6.${Date.now().toString(16)}.elsewhere.example`;
    const outcome = await invoke(handler, delivery([query(marker.toUpperCase()), query(outside)]), {
      functionName: 'record-callbacks',
      region: 'us-east-1',
      timeoutMs: 30_000,
    });
    expect(outcome.ok).toBe(true);

    const canary = tableCanary(inventory, ZONE);
    expect(await canary.waitFor(marker, 2000)).toBe(true);
    expect(await canary.waitFor(outside, 200)).toBe(false);
  });

  it('takes the control message sent when the subscription is created without error', async () => {
    const outcome = await invoke(handler, delivery(['CWL CONTROL MESSAGE'], 'CONTROL_MESSAGE'), {
      functionName: 'record-callbacks',
      region: 'us-east-1',
      timeoutMs: 30_000,
    });
    expect(outcome.ok).toBe(true);
  });
});
