/**
 * The Log4Shell canary as scan steps see it: the callback listener records each queried name in the
 * inventory table (`CALLBACK#`), and a check polls for its marker. Steps and listener share nothing
 * else, so the check works whether the listener runs in the same process (local) or elsewhere (in
 * AWS: Route 53 query logs of the callback zone, delivered to functions/record-callbacks.ts).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { callbackKeys } from '#shared/tables/keys';
import type { InventoryTable } from './domain-store.ts';
import type { Log4ShellCanary } from './scan-settings.ts';

const KEEP_SECONDS = 3600;
const POLL_MS = 100;

export function tableCanary(table: InventoryTable, zone: string, waitMs?: number): Log4ShellCanary {
  return {
    zone,
    ...(waitMs !== undefined && { waitMs }),
    async waitFor(name, waitMs) {
      const until = Date.now() + waitMs;
      for (;;) {
        const { Item } = await table.doc.send(
          new GetCommand({
            TableName: table.tableName,
            Key: { pk: callbackKeys.partition, sk: callbackKeys.name(name.toLowerCase()) },
          }),
        );
        if (Item !== undefined) return true;
        if (Date.now() + POLL_MS > until) return false;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
  };
}

/** What the listener calls for every query under its zone. */
export async function recordCallback(table: InventoryTable, name: string, at: Date): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: callbackKeys.partition,
        sk: callbackKeys.name(name.toLowerCase()),
        seenAt: at.toISOString(),
        expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS,
      },
    }),
  );
}
