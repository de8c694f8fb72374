/**
 * Applies one host's calls from one shard's batch so that the effect is the same however often, and
 * after whatever template changes, the records are delivered (the argument is in docs/ARCHITECTURE.md,
 * "Exactly-once effect"):
 * 1. Template first, write later: the calls are learned, mapped to their templates as they stand
 *    after the batch's merges, and the structure is committed (version-checked, with `through`, the
 *    moves to do, and an open marker) before any count is written. A conflict costs a re-templating,
 *    never a count.
 * 2. A redelivered call (at or below `through`) is mapped with the committed structure, without
 *    learning, so it reaches the item its first attempt wrote and that item's watermark skips it.
 * 3. Template moves carry watermarks into their target; that is sound because a move's source was
 *    written only by commits that finished, so every record up to its watermark is applied.
 */
import type { NewEndpoint } from '#events/new-endpoint.schema';
import type { CallClassifier } from '#shared/classify/call-classifier';
import type { Rewrite } from '#shared/inventory/templater';
import { endpointDelta, type EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { hostDelta } from '#shared/inventory/store/host-item';
import { applyRewrites } from '#shared/inventory/store/apply-rewrites';
import { sortableSequence } from '#shared/inventory/store/watermark';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyGroups, type CallGroup } from './apply-groups.ts';
import type { TenantCall } from './open-records.ts';
import {
  HostBusyError,
  TemplateStateConflictError,
  type HostStateStore,
  type HostTemplateState,
} from './template-state-store.ts';

/** How long another shard's open commit holds a host before this shard takes it over. */
export const HOST_LEASE_MS = 60_000;
const MAX_ROUNDS = 6;

export interface HostCallsContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly states: HostStateStore;
  readonly classifier: CallClassifier;
  readonly stamp: string;
  readonly now: Date;
  readonly onError: (error: unknown) => void;
  /** A group DynamoDB refused outright (ValidationException): quarantined, not retried. */
  readonly onRefused?: (group: CallGroup, error: unknown) => void;
}

export interface HostCallsOutcome {
  /** Sequence numbers of records to retry. */
  readonly failed: Set<string>;
  readonly touched: EndpointIdentity[];
  readonly newEndpoints: NewEndpoint[];
  /** Commits refused because another writer saved first (each cost one re-templating). */
  conflicts: number;
}

/** `members`: one tenant's calls of one host from one shard, in any order. */
export async function applyHostCalls(
  ctx: HostCallsContext,
  tenant: string,
  host: string,
  shard: string,
  members: readonly TenantCall[],
): Promise<HostCallsOutcome> {
  const out: HostCallsOutcome = { failed: new Set(), touched: [], newEndpoints: [], conflicts: 0 };
  let left = [...members].sort((a, b) =>
    cmp(sortableSequence(a.sequenceNumber), sortableSequence(b.sequenceNumber)),
  );
  try {
    for (let round = 0; left.length > 0; round++) {
      if (round >= MAX_ROUNDS) throw new TemplateStateConflictError(host);
      const state = await ctx.states.load(tenant, host);
      if (
        state.open !== undefined &&
        state.open.shard !== shard &&
        ctx.now.getTime() - state.open.at < HOST_LEASE_MS
      )
        throw new HostBusyError(host, state.open.shard);
      const through = state.through[shard] ?? '';
      const again = left.filter((m) => sortableSequence(m.sequenceNumber) <= through);
      // Redelivered calls are mapped with the committed structure (no learning), so they reach the
      // items their first attempt wrote; new calls are learned first, then mapped until a pass
      // changes nothing, so their mapping too is a function of the structure about to be committed.
      const target = again.length > 0 ? again : left;
      const replaced: Rewrite[] = [...state.pending];
      if (again.length === 0) {
        for (let pass = 0; pass < 3; pass++) {
          for (const m of left)
            state.templater.templateOf(host, m.call.method, m.call.path, m.call.declaredTemplate);
          const drained = state.templater.drainRewrites();
          if (pass > 0 && drained.length === 0) break;
          replaced.push(...drained);
        }
      }
      const pending = finalRewrites(state, replaced);
      let version: number;
      try {
        // Committed (and marked open) before any write, also for a redelivery: whoever writes a
        // host's items holds its state, so no other writer moves them meanwhile.
        const sequence = again.length > 0 ? through : sortableSequence(left.at(-1)!.sequenceNumber);
        version = await ctx.states.commit(state, shard, sequence, pending, ctx.now);
      } catch (error) {
        if (!(error instanceof TemplateStateConflictError)) throw error;
        out.conflicts++;
        continue;
      }
      await applyRewrites(ctx.doc, ctx.tableName, tenant, pending, ctx.stamp);
      const failed = await write(ctx, state, target, out);
      if (failed.size > 0) {
        for (const m of left)
          if (!target.includes(m) || failed.has(m.sequenceNumber)) out.failed.add(m.sequenceNumber);
        return out;
      }
      await ctx.states.complete(state, version);
      left = left.filter((m) => !target.includes(m));
    }
    return out;
  } catch (error) {
    ctx.onError(error);
    for (const m of left) out.failed.add(m.sequenceNumber);
  }
  return out;
}

/** Every replaced template straight to what it is now (a batch may merge a template twice). */
function finalRewrites(state: HostTemplateState, rewrites: readonly Rewrite[]): Rewrite[] {
  const seen = new Set<string>();
  const out: Rewrite[] = [];
  for (const r of rewrites) {
    const to = state.templater.resolveTemplate(r.host, r.to);
    if (to === r.from || seen.has(r.from)) continue;
    seen.add(r.from);
    out.push({ host: r.host, from: r.from, to });
  }
  return out;
}

/** Maps `calls` with the structure as it is (learning nothing new) and writes one delta per item. */
async function write(
  ctx: HostCallsContext,
  state: HostTemplateState,
  calls: readonly TenantCall[],
  out: HostCallsOutcome,
): Promise<Set<string>> {
  const { tenant, host, templater } = state;
  const groups = new Map<string, CallGroup>();
  for (const member of calls) {
    const { call } = member;
    const template = templater.templateOf(host, call.method, call.path, call.declaredTemplate);
    const key = `${call.method}\u0000${template}`;
    let group = groups.get(key);
    if (group === undefined) {
      const id = { tenant, host, method: call.method, template };
      out.touched.push(id);
      group = {
        members: [],
        build: (g) => endpointDelta(id, g, ctx.stamp, ctx.classifier),
        onCreated: () =>
          out.newEndpoints.push({
            type: 'new-endpoint',
            tenant,
            host,
            method: call.method,
            path: template,
            firstSeen: call.time,
          }),
      };
      groups.set(key, group);
    }
    group.members.push(member);
  }
  const hostGroup: CallGroup = { members: [...calls], build: (g) => hostDelta(tenant, host, g, ctx.stamp) };
  return applyGroups(ctx.doc, ctx.tableName, [...groups.values(), hostGroup], ctx.onError, ctx.onRefused);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
