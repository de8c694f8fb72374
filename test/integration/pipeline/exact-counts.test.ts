import { describe, it, expect } from '@jest/globals';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';
import { runConcurrentConsumers } from './concurrent-consumers.ts';

const { endpoints, clients, names } = localEnv();
const CALLS = 400;

/** A few seeds in CI; `SURVEYOR_EXACT_COUNT_SEEDS=200` (or `=7,42`) runs more, or chosen ones. */
function seeds(): number[] {
  const raw = process.env.SURVEYOR_EXACT_COUNT_SEEDS ?? '3';
  if (raw.includes(',')) return raw.split(',').map((s) => Number.parseInt(s, 10));
  return Array.from({ length: Number.parseInt(raw, 10) }, (_, i) => i + 1);
}

describe('exact counts under concurrent shards, merges, retries and redeliveries', () => {
  for (const seed of seeds()) {
    it(`stores exactly the calls sent, per host and overall (seed ${seed})`, async () => {
      const tenant = uniqueTenant(`exact${seed}`);

      const run = await runConcurrentConsumers({
        seed,
        tenant,
        dynamodbEndpoint: endpoints.dynamodb,
        kinesis: clients.kinesis,
        inventoryTable: names.inventoryTable,
        streamName: `${names.stream}-exact-${tenant}`,
        shards: 2,
        hosts: 3,
        calls: CALLS,
        misKeyedShare: 0.1,
        faultRate: 0.02,
        maxBatchRecords: 6,
        quarantine: bucketQuarantine(),
      });

      const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
      const stored = new Map<string, number>();
      for (const e of inventory) stored.set(e.host, (stored.get(e.host) ?? 0) + e.calls);
      const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b));
      // The run must have exercised what it claims to, or the equality below proves little.
      expect(run.redeliveries + run.failedInvocations).toBeGreaterThan(0);
      expect(run.faults.stateConflict).toBeGreaterThan(0);
      expect(sorted(stored)).toEqual(sorted(run.sent));
      expect(inventory.reduce((n, e) => n + e.calls, 0)).toBe(CALLS);
      // Faults are retried, never settled by quarantining calls: that would also lose counts.
      expect(await quarantinedFor(tenant)).toEqual([]);
    }, 120_000);
  }
});
