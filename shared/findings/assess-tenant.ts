/**
 * The tenant-wide assessment: assess the whole stored inventory against the tenant's specs and rules.
 * It makes what a batch cannot (documented operations never called: `unused-endpoint`) and resolves
 * what no longer holds (a shadow endpoint the new spec documents, a rule that was removed). Runs after
 * a spec or rules upload and on a schedule; the schedule bounds it by time (`signal`) and resumes it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tenantEnvironment } from '#shared/classify/call-classifier';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { assessInventory, type AssessmentConfig } from './assess-inventory.ts';
import type { FindingCandidate } from './candidate.ts';
import { findingId, SYSTEM_ACTOR } from './lifecycle.ts';
import { changeFindingStatus, listFindings, recordFindings } from './store.ts';

export interface AssessTenantDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findingsTable: string;
}

export interface AssessTenantOptions {
  /** Aborted when the tenant's time is up: the assessment stops at the next write boundary. */
  readonly signal?: AbortSignal;
  /** Finding id to start writing at (from a run that ran out of time), then wrapping round. */
  readonly resumeFrom?: string;
}

export interface AssessTenantResult {
  /** Findings the inventory shows now. */
  readonly current: number;
  /** Items written (new, refreshed or reopened). */
  readonly written: number;
  /** Open or acknowledged findings resolved because nothing shows them any more. */
  readonly resolved: number;
}

/** Candidates written per step; the time budget is checked between steps, so a step is the overrun. */
const WRITE_STEP = 32;

/**
 * Reads, assesses, resolves what no longer holds, then writes the current findings in id order from
 * `resumeFrom`. Throws `TenantBudgetExceededError` (with where to resume) when `signal` aborts.
 */
export async function assessTenant(
  deps: AssessTenantDeps,
  tenant: string,
  config: AssessmentConfig,
  now: string,
  options: AssessTenantOptions = {},
): Promise<AssessTenantResult> {
  const { signal } = options;
  const environment = tenantEnvironment(config.settings ?? {});
  const endpoints = await budgeted(signal, tenant, options.resumeFrom, () =>
    readInventory(deps.doc, deps.inventoryTable, tenant, environment, signal),
  );
  const { findings } = assessInventory(endpoints, config);
  const table = { doc: deps.doc, tableName: deps.findingsTable };
  const ordered = inResumeOrder(tenant, findings, options.resumeFrom);
  const current = new Set(ordered.map((f) => f.id));

  // Resolving first: it is usually small, and the writes after it are what a cursor can resume.
  let resolved = 0;
  for (const stale of await listFindings(table, tenant)) {
    if (current.has(stale.id) || (stale.status !== 'open' && stale.status !== 'acknowledged')) continue;
    if (signal?.aborted) throw new TenantBudgetExceededError(tenant, ordered[0]?.id, 0);
    await changeFindingStatus(table, tenant, stale.id, 'resolve', {
      by: SYSTEM_ACTOR,
      reason: 'no longer shown by the inventory, specs and rules',
      at: now,
    });
    resolved++;
  }
  let written = 0;
  for (let start = 0; start < ordered.length; start += WRITE_STEP) {
    if (signal?.aborted) throw new TenantBudgetExceededError(tenant, ordered[start]!.id, written);
    const step = ordered.slice(start, start + WRITE_STEP).map((f) => f.candidate);
    written += await recordFindings(table, tenant, step, now);
  }
  return { current: current.size, written, resolved };
}

interface OrderedCandidate {
  readonly id: string;
  readonly candidate: FindingCandidate;
}

/** Sorted by finding id, starting at `resumeFrom` (or the first id after it) and wrapping round. */
function inResumeOrder(
  tenant: string,
  candidates: readonly FindingCandidate[],
  resumeFrom: string | undefined,
): OrderedCandidate[] {
  const sorted = candidates
    .map((candidate) => ({ id: findingId(tenant, candidate.type, candidate.subject), candidate }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (resumeFrom === undefined) return sorted;
  const at = sorted.findIndex((f) => f.id >= resumeFrom);
  return at <= 0 ? sorted : [...sorted.slice(at), ...sorted.slice(0, at)];
}

/** Runs a read that the signal may cancel, turning the abort into `TenantBudgetExceededError`. */
async function budgeted<T>(
  signal: AbortSignal | undefined,
  tenant: string,
  resumeFrom: string | undefined,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (signal?.aborted) throw new TenantBudgetExceededError(tenant, resumeFrom, 0, { cause: error });
    throw error;
  }
}

/** The tenant's time budget ran out; `resumeFrom` is where its next assessment starts writing. */
export class TenantBudgetExceededError extends Error {
  constructor(
    tenant: string,
    readonly resumeFrom: string | undefined,
    readonly written: number,
    options?: ErrorOptions,
  ) {
    super(`The assessment of ${tenant} ran out of its time budget`, options);
    this.name = 'TenantBudgetExceededError';
  }
}
