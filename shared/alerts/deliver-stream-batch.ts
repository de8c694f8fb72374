/**
 * One stream batch, end to end: events from the records, then each tenant's events to its
 * integrations (tenants in parallel, each tenant's events in order). When a tenant's bookkeeping
 * fails (DynamoDB, KMS), its records are reported for retry; delivery records make the retry send
 * only what was not sent.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { emptyStats, notifyTenant, type NotifyDeps, type NotifyStats } from './notify.ts';
import { alertEventsOf, type SourcedEvent } from './stream-events.ts';

export interface StreamBatchDeps extends Omit<NotifyDeps, 'deadline' | 'leaseUntil'> {
  readonly portalUrl: string;
  /** Epoch ms when the invocation ends (Lambda: now + remaining time). */
  readonly endsAt: number;
  readonly onError?: (tenant: string, error: unknown) => void;
}

/** Time kept back from the end for the last attempt's timeout and the bookkeeping after it. */
const RESERVE_MS = 15_000;

export async function deliverStreamBatch(
  records: readonly DynamoDBRecord[],
  deps: StreamBatchDeps,
): Promise<{ batchItemFailures: { itemIdentifier: string }[]; stats: NotifyStats }> {
  const byTenant = new Map<string, SourcedEvent[]>();
  for (const sourced of alertEventsOf(records, deps.portalUrl)) {
    const list = byTenant.get(sourced.event.tenant) ?? [];
    list.push(sourced);
    byTenant.set(sourced.event.tenant, list);
  }
  const stats = emptyStats();
  const failed: string[] = [];
  const notifyDeps: NotifyDeps = { ...deps, deadline: deps.endsAt - RESERVE_MS, leaseUntil: deps.endsAt };
  await Promise.all(
    [...byTenant].map(async ([tenant, sourced]) => {
      try {
        await notifyTenant(
          tenant,
          sourced.map((s) => s.event),
          notifyDeps,
          stats,
        );
      } catch (error) {
        deps.onError?.(tenant, error);
        failed.push(...sourced.flatMap((s) => s.sequenceNumbers));
      }
    }),
  );
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })), stats };
}
