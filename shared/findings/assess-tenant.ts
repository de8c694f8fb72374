/**
 * The tenant-wide assessment: assess the whole stored inventory against the tenant's specs and rules.
 * It makes what a batch cannot (documented operations never called: `unused-endpoint`) and resolves
 * what no longer holds (a shadow endpoint the new spec documents, a rule that was removed). Runs after
 * a spec or rules upload and on a schedule.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tenantEnvironment } from '#shared/classify/call-classifier';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { assessInventory, type AssessmentConfig } from './assess-inventory.ts';
import { findingId, SYSTEM_ACTOR } from './lifecycle.ts';
import { changeFindingStatus, listFindings, recordFindings } from './store.ts';

export interface AssessTenantDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findingsTable: string;
}

export interface AssessTenantResult {
  /** Findings the inventory shows now. */
  readonly current: number;
  /** Items written (new, refreshed or reopened). */
  readonly written: number;
  /** Open or acknowledged findings resolved because nothing shows them any more. */
  readonly resolved: number;
}

export async function assessTenant(
  deps: AssessTenantDeps,
  tenant: string,
  config: AssessmentConfig,
  now: string,
): Promise<AssessTenantResult> {
  const environment = tenantEnvironment(config.settings ?? {});
  const endpoints = await readInventory(deps.doc, deps.inventoryTable, tenant, environment);
  const { findings } = assessInventory(endpoints, config);
  const table = { doc: deps.doc, tableName: deps.findingsTable };
  const written = await recordFindings(table, tenant, findings, now);
  const current = new Set(findings.map((f) => findingId(tenant, f.type, f.subject)));
  let resolved = 0;
  for (const stale of await listFindings(table, tenant)) {
    if (current.has(stale.id) || (stale.status !== 'open' && stale.status !== 'acknowledged')) continue;
    await changeFindingStatus(table, tenant, stale.id, 'resolve', {
      by: SYSTEM_ACTOR,
      reason: 'no longer shown by the inventory, specs and rules',
      at: now,
    });
    resolved++;
  }
  return { current: current.size, written, resolved };
}
