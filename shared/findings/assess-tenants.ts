/**
 * The scheduled assessment of every tenant, fairly: each tenant gets its own time budget, so one
 * slow tenant (a huge inventory, a slow partition) costs at most that budget and the others are still
 * assessed. A tenant that runs out resumes next run where its writes stopped; tenants a run did not
 * reach (the invocation's time ran out) go first next run. The cursor lives in the findings table.
 */
import type { AssessmentConfig } from './assess-inventory.ts';
import {
  assessTenant,
  TenantBudgetExceededError,
  type AssessTenantDeps,
  type AssessTenantResult,
} from './assess-tenant.ts';
import { readAssessmentCursor, writeAssessmentCursor } from './assessment-cursor.ts';

export interface AssessTenantsOptions {
  /** Time one tenant may take in one run. */
  readonly tenantBudgetMs: number;
  /** Time left in the whole run (Lambda's `getRemainingTimeInMillis`). */
  readonly remainingMs: () => number;
  readonly now: string;
  readonly loadConfig: (tenant: string) => Promise<AssessmentConfig>;
  readonly onAssessed?: (tenant: string, result: AssessTenantResult) => void;
  readonly onError?: (tenant: string, error: unknown) => void;
}

export interface AssessTenantsResult {
  readonly assessed: string[];
  readonly failed: string[];
  /** Ran out of their budget; resumed next run. */
  readonly deferred: string[];
  /** Not started: the run's time ran out; first next run. */
  readonly notReached: string[];
}

/** Time kept back after the last tenant's budget, for the cursor write and the handler's own end. */
const RUN_MARGIN_MS = 5_000;

export async function assessTenants(
  deps: AssessTenantDeps,
  tenants: readonly string[],
  options: AssessTenantsOptions,
): Promise<AssessTenantsResult> {
  const table = { doc: deps.doc, tableName: deps.findingsTable };
  const cursor = await readAssessmentCursor(table);
  const order = startingAt([...tenants].sort(), cursor.next);
  const resume: Record<string, string> = {};
  const result: AssessTenantsResult = { assessed: [], failed: [], deferred: [], notReached: [] };
  for (const [index, tenant] of order.entries()) {
    if (options.remainingMs() < options.tenantBudgetMs + RUN_MARGIN_MS) {
      result.notReached.push(...order.slice(index));
      break;
    }
    const signal = AbortSignal.timeout(options.tenantBudgetMs);
    try {
      const config = await options.loadConfig(tenant);
      const resumeFrom = cursor.resume[tenant];
      const done = await assessTenant(deps, tenant, config, options.now, { signal, resumeFrom });
      options.onAssessed?.(tenant, done);
      result.assessed.push(tenant);
    } catch (error) {
      if (error instanceof TenantBudgetExceededError) {
        if (error.resumeFrom !== undefined) resume[tenant] = error.resumeFrom;
        result.deferred.push(tenant);
      } else result.failed.push(tenant);
      options.onError?.(tenant, error);
    }
  }
  // A tenant not reached keeps its resume point; the first of them starts the next run.
  for (const tenant of result.notReached) {
    const at = cursor.resume[tenant];
    if (at !== undefined) resume[tenant] = at;
  }
  await writeAssessmentCursor(table, {
    ...(result.notReached[0] !== undefined && { next: result.notReached[0] }),
    resume,
  });
  return result;
}

/** `tenants` (sorted) rotated to start at `first`, or at the first tenant after it if it is gone. */
function startingAt(tenants: string[], first: string | undefined): string[] {
  if (first === undefined) return tenants;
  const at = tenants.findIndex((t) => t >= first);
  return at <= 0 ? tenants : [...tenants.slice(at), ...tenants.slice(0, at)];
}
