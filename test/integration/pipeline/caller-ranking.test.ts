/**
 * Outside callers per country and network, counted on the endpoint item exactly once per record
 * range (DynamoDB Local), ranked for the endpoint page, and bounded: the least-called networks are
 * dropped once an item holds twice the 50 it shows.
 */
import { describe, it, expect } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiCall } from '#events/api-call.schema';
import { defaultCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { applyItemDelta } from '#shared/inventory/store/apply-delta';
import { callerRanking, endpointDelta, endpointKey } from '#shared/inventory/store/endpoint-item';
import { localEnv, uniqueTenant } from '../local-env.ts';

const { clients, names } = localEnv();

/** Callers from 198.51.100.x: the last octet names the country and network (as a geo database would). */
const geo: CallClassifier = {
  environment: defaultCallClassifier.environment,
  caller: ({ clientIp }) => {
    const n = Number(clientIp!.split('.')[3]);
    return { external: true, country: ['US', 'DE', 'BR'][n % 3]!, asn: `AS${64_500 + n}` };
  },
};
const call = (n: number): ApiCall => ({
  source: 'alb',
  time: '2026-12-01T08:00:00.000Z',
  host: 'api.example.com',
  method: 'GET',
  path: '/orders',
  status: 200,
  clientIp: `198.51.100.${n}`,
});

describe('outside callers by country and network', () => {
  const id = { tenant: uniqueTenant('callers'), host: 'api.example.com', method: 'GET', template: '/orders' };
  const range = (n: number) => ({
    shardId: 'shardId-000000000009',
    firstSequence: `${n}`,
    lastSequence: `${n}`,
  });
  const apply = (batch: ApiCall[], n: number) =>
    applyItemDelta(clients.doc, names.inventoryTable, endpointDelta(id, batch, 'now', geo), range(n));
  const stored = async () =>
    (
      await clients.doc.send(
        new GetCommand({ TableName: names.inventoryTable, Key: endpointKey(id), ConsistentRead: true }),
      )
    ).Item!;

  it('ranks them by calls, counting a redelivered batch once', async () => {
    // Caller 1 (DE, AS64501) four times, caller 2 (BR) twice, caller 3 (US) once.
    const batch = [1, 1, 1, 1, 2, 2, 3].map(call);

    await apply(batch, 1);
    expect(await apply(batch, 1)).toEqual({ kind: 'duplicate' });

    expect(callerRanking(await stored())).toEqual({
      countries: [
        { country: 'DE', calls: 4 },
        { country: 'BR', calls: 2 },
        { country: 'US', calls: 1 },
      ],
      networks: [
        { asn: 'AS64501', calls: 4 },
        { asn: 'AS64502', calls: 2 },
        { asn: 'AS64503', calls: 1 },
      ],
    });
  });

  it('keeps the most-called networks when an item would hold more than 100', async () => {
    // 120 more networks called once each (AS64510-AS64629), then caller 1 again.
    await apply(
      Array.from({ length: 120 }, (_, i) => call(10 + i)),
      2,
    );
    await apply([call(1)], 3);

    const item = await stored();
    const networks = callerRanking(item).networks;
    const kept = Object.keys(item).filter((attr) => attr.startsWith('asn_'));
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept.length).toBeGreaterThanOrEqual(50);
    expect(networks).toHaveLength(50);
    expect(networks.slice(0, 2)).toEqual([
      { asn: 'AS64501', calls: 5 },
      { asn: 'AS64502', calls: 2 },
    ]);
    expect(callerRanking(item).countries.reduce((sum, c) => sum + c.calls, 0)).toBe(128);
  });
});
