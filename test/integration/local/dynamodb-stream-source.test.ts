import { describe, it, expect } from '@jest/globals';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { FindingChange } from '#events/finding-change.schema';
import { findingChangesOf } from '#shared/findings/changes';
import { changeFindingStatus, listFindings, recordFindings } from '#shared/findings/store';
import { startDynamoDBStreamSource } from '#local/aws/dynamodb-stream-source';
import { localEnv, uniqueTenant } from '../local-env.ts';

const { clients, names } = localEnv();
const table = { doc: clients.doc, tableName: names.findingsTable };

async function until<T>(read: () => T, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('findings table stream -> finding-changes handler (DynamoDB Local streams)', () => {
  it('delivers finding changes in Lambda event shape: opened, then a status change, not refreshes', async () => {
    const tenant = uniqueTenant('stream');
    const seen: FindingChange[] = [];
    const source = await startDynamoDBStreamSource({
      dynamodb: clients.dynamodb,
      streams: clients.streams,
      tableName: names.findingsTable,
      functionName: 'finding-changes',
      region: 'us-east-1',
      pollIntervalMs: 100,
      handler: async (event: DynamoDBStreamEvent) => {
        seen.push(...findingChangesOf(event.Records).filter((c) => c.tenant === tenant));
        return { batchItemFailures: [] };
      },
    });
    try {
      const candidate = {
        type: 'shadow-endpoint' as const,
        severity: 'medium' as const,
        subject: 'api.example.com GET /debug',
        host: 'api.example.com',
        method: 'GET',
        path: '/debug',
        evidence: { calls: 3 },
        firstSeen: '2024-05-01T12:00:00.000Z',
        lastSeen: '2024-05-01T12:00:00.000Z',
        occurrences: 3,
      };
      await recordFindings(table, tenant, [candidate], '2024-05-01T13:00:00.000Z');
      await recordFindings(table, tenant, [{ ...candidate, occurrences: 5 }], '2024-05-01T13:01:00.000Z');
      const [stored] = await listFindings(table, tenant);
      await changeFindingStatus(table, tenant, stored!.id, 'acknowledge', {
        by: 'alice',
        reason: 'debug route is being removed',
        at: '2024-05-01T13:02:00.000Z',
      });

      const changes = await until(
        () => seen,
        (s) => s.length >= 2,
      );
      expect(changes.map((c) => [c.change, c.finding.status, c.finding.occurrences])).toEqual([
        ['opened', 'open', 3],
        ['status-changed', 'acknowledged', 5],
      ]);
      expect(changes[1]!.previousStatus).toBe('open');
      expect(source.stats().failedBatches).toBe(0);
    } finally {
      await source.stop();
    }
  });
});
