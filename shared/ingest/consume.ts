/**
 * The Kinesis consumer's core (functions/ingest-api-calls.ts is its thin handler): verify and
 * attribute records, drop source duplicates, template, aggregate per endpoint and host, write each
 * aggregate exactly once, fold merged templates, save templating state, and report which records
 * must be retried (Lambda checkpoints before the lowest one).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NewEndpoint } from '#events/new-endpoint.schema';
import type { Quarantined } from '#events/quarantine.schema';
import type { GeoLookup } from '#shared/classify/geo';
import { EMPTY_CONFIG, type TenantConfig } from '#shared/tenancy/tenant-config';
import { tenantClassifier } from '#shared/tenancy/tenant-classifier';
import { endpointDelta, type EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { hostDelta } from '#shared/inventory/store/host-item';
import { applyRewrites } from '#shared/inventory/store/apply-rewrites';
import { applyGroups, isFinalWriteError, type CallGroup } from './apply-groups.ts';
import { claimEnvelopes, IDEMPOTENCY_TTL_SECONDS } from './claim-envelopes.ts';
import { assessBatch } from '#shared/findings/assess-batch';
import type { TenantAssessmentSchedule } from '#shared/findings/assessment-schedule';
import { openRecords, type KeyResolver, type StreamRecord, type TenantCall } from './open-records.ts';
import { tenantTemplater, type TenantTemplater } from './template-state-store.ts';
import { redactUrl } from '#shared/url/redact';

export interface ConsumeDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly resolveKey: KeyResolver;
  /** Keeps rejected records and quarantined lines (S3 in AWS and locally). */
  readonly quarantine: (entries: QuarantineEntry[]) => Promise<void>;
  readonly now: () => Date;
  readonly onError?: (error: unknown) => void;
  /** Where findings go; without it the consumer only builds the inventory. */
  readonly findingsTable?: string;
  /** The tenant's rules, settings and specs (cached: see cachedTenantConfig). */
  readonly tenantConfig?: (tenant: string) => Promise<TenantConfig>;
  /** Caller country and ASN databases, loaded once per container. */
  readonly geo?: GeoLookup;
  /** When tenants with new endpoints get a whole-tenant assessment (one per container). */
  readonly assessments?: TenantAssessmentSchedule;
}

export type QuarantineEntry =
  | { readonly kind: 'line'; readonly tenant: string; readonly line: Quarantined }
  | { readonly kind: 'record'; readonly sequenceNumber: string; readonly reason: string };

export interface ConsumeResult {
  readonly batchItemFailures: { itemIdentifier: string }[];
  readonly newEndpoints: NewEndpoint[];
  readonly stats: {
    records: number;
    calls: number;
    rejected: number;
    duplicates: number;
    quarantined: number;
    findingsWritten: number;
  };
}

export async function consumeRecords(
  records: readonly StreamRecord[],
  deps: ConsumeDeps,
): Promise<ConsumeResult> {
  const now = deps.now();
  const stamp = now.toISOString();
  const opened = await openRecords(records, deps.resolveKey, {
    now,
    maxAgeMs: IDEMPOTENCY_TTL_SECONDS * 1000,
  });
  await deps.quarantine([
    ...opened.rejected.map((r) => ({ kind: 'record' as const, ...r })),
    ...opened.quarantined.map((line) => ({ kind: 'line' as const, tenant: line.tenant!, line })),
  ]);
  const duplicates = await claimEnvelopes(deps.doc, deps.inventoryTable, opened.envelopes, now);
  const calls = opened.calls.filter((c) => !duplicates.has(c.sequenceNumber));

  const templaters = new Map<string, TenantTemplater>();
  const configs = new Map<string, TenantConfig>();
  for (const c of calls) {
    let t = templaters.get(c.tenant);
    if (t === undefined) {
      templaters.set(c.tenant, (t = tenantTemplater(deps.doc, deps.inventoryTable, c.tenant)));
      configs.set(
        c.tenant,
        deps.tenantConfig === undefined ? EMPTY_CONFIG : await deps.tenantConfig(c.tenant),
      );
    }
    await t.load(c.call.host);
  }
  const touched = new Map<string, EndpointIdentity[]>();

  const newEndpoints: NewEndpoint[] = [];
  const groups = new Map<string, CallGroup>();
  const add = (key: string, member: TenantCall, make: () => CallGroup): void => {
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = make()));
    group.members.push(member);
  };
  for (const member of calls) {
    const { tenant, call } = member;
    const template = templaters
      .get(tenant)!
      .templater.templateOf(call.host, call.method, call.path, call.declaredTemplate);
    const id = { tenant, host: call.host, method: call.method, template };
    add(`E\u0000${tenant}\u0000${call.host}\u0000${call.method}\u0000${template}`, member, () => {
      // Every endpoint the batch writes is assessed once the writes are done (assessBatch).
      let ids = touched.get(tenant);
      if (ids === undefined) touched.set(tenant, (ids = []));
      ids.push(id);
      const classifier = tenantClassifier(configs.get(tenant)!, deps.geo);
      return {
        members: [],
        build: (group) => endpointDelta(id, group, stamp, classifier),
        onCreated: () =>
          newEndpoints.push({
            type: 'new-endpoint',
            tenant,
            host: id.host,
            method: id.method,
            path: template,
            firstSeen: call.time,
          }),
      };
    });
    add(`H\u0000${tenant}\u0000${call.host}`, member, () => ({
      members: [],
      build: (group) => hostDelta(tenant, call.host, group, stamp),
    }));
  }

  const onError = deps.onError ?? (() => undefined);
  const refused: QuarantineEntry[] = [];
  const failed = await applyGroups(
    deps.doc,
    deps.inventoryTable,
    [...groups.values()],
    onError,
    (group, error) => {
      // DynamoDB refused the item itself: retrying cannot help, so its calls are quarantined alone.
      for (const [index, m] of group.members.entries())
        refused.push({ kind: 'line', tenant: m.tenant, line: refusedLine(m, index, error) });
    },
  );
  for (const [tenant, t] of templaters) {
    try {
      await applyRewrites(deps.doc, deps.inventoryTable, tenant, t.templater.drainRewrites(), stamp);
      await t.save(stamp);
    } catch (error) {
      onError(error);
      // A refused state (a bug: template-bounds.ts keeps it small) is not saved; counts stand.
      if (isFinalWriteError(error)) continue;
      // The structure must be saved with the counts it produced: retry this tenant's records
      // (watermarks make the already-applied parts no-ops); other tenants' stay done.
      for (const c of calls) if (c.tenant === tenant) failed.add(c.sequenceNumber);
    }
  }
  await deps.quarantine(refused);
  const withNewEndpoints = new Set(newEndpoints.map((e) => e.tenant));
  const findingsWritten =
    deps.findingsTable === undefined
      ? 0
      : await assessBatch(
          { ...deps, findingsTable: deps.findingsTable, schedule: deps.assessments },
          [...touched].map(([tenant, ids]) => {
            const config = configs.get(tenant)!;
            const { templater } = templaters.get(tenant)!;
            return {
              tenant,
              // Merges in this batch moved items: assess them where they are now.
              endpoints: ids.map((id) => ({
                ...id,
                template: templater.resolveTemplate(id.host, id.template),
              })),
              config,
              classifier: tenantClassifier(config, deps.geo),
              hasNewEndpoints: withNewEndpoints.has(tenant),
            };
          }),
          stamp,
          (tenant, error) => {
            // Findings come from stored totals, so retrying the tenant's records re-assesses the same state.
            onError(error);
            for (const c of calls) if (c.tenant === tenant) failed.add(c.sequenceNumber);
          },
        );
  return {
    batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })),
    newEndpoints,
    stats: {
      records: records.length,
      calls: calls.length,
      rejected: opened.rejected.length,
      duplicates: duplicates.size,
      quarantined: opened.quarantined.length + refused.length,
      findingsWritten,
    },
  };
}

/** A call whose endpoint item DynamoDB refused, kept with the reason (its path redacted). */
function refusedLine(member: TenantCall, index: number, error: unknown): Quarantined {
  const { call } = member;
  return {
    tenant: member.tenant,
    format: 'unknown',
    line: index + 1,
    reason: `DynamoDB refused the endpoint item: ${(error as Error).message}`.slice(0, 512),
    raw: `${call.method} ${call.host}${redactUrl(call.path)}`.slice(0, 2048),
  };
}
