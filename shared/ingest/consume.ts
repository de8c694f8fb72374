/**
 * The Kinesis consumer's core (functions/ingest-api-calls.ts is its thin handler): verify and
 * attribute records, drop source duplicates, template, aggregate per endpoint and host, write each
 * aggregate exactly once, fold merged templates, save templating state, and report which records
 * must be retried (Lambda checkpoints before the lowest one).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NewEndpoint } from '#events/new-endpoint.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { createCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import type { GeoLookup } from '#shared/classify/geo';
import { EMPTY_CONFIG, type TenantConfig } from '#shared/tenancy/tenant-config';
import { endpointDelta, type EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { hostDelta } from '#shared/inventory/store/host-item';
import { applyRewrites } from '#shared/inventory/store/apply-rewrites';
import { applyGroups, type CallGroup } from './apply-groups.ts';
import { claimEnvelopes } from './claim-envelopes.ts';
import { assessTenant } from '#shared/findings/assess-tenant';
import { judgeEndpoints } from '#shared/findings/assess-endpoints';
import { openRecords, type KeyResolver, type StreamRecord, type TenantCall } from './open-records.ts';
import { tenantTemplater, type TenantTemplater } from './template-state-store.ts';

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
  /** Least time between two whole-tenant assessments in one container (default one minute). */
  readonly assessIntervalMs?: number;
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

// Tenants whose new endpoints still await a whole-tenant assessment, and when each was last assessed
// (per container, like a Lambda's module state).
const pendingAssessment = new Set<string>();
const lastAssessed = new Map<string, number>();

// One classifier per loaded configuration: its caches live as long as the configuration is cached.
const classifiers = new WeakMap<TenantConfig, WeakMap<object, CallClassifier>>();
const NO_GEO = {};

function classifierFor(config: TenantConfig, geo: GeoLookup | undefined): CallClassifier {
  let byGeo = classifiers.get(config);
  if (byGeo === undefined) classifiers.set(config, (byGeo = new WeakMap()));
  let classifier = byGeo.get(geo ?? NO_GEO);
  if (classifier === undefined)
    byGeo.set(geo ?? NO_GEO, (classifier = createCallClassifier(config.settings, geo)));
  return classifier;
}

export async function consumeRecords(
  records: readonly StreamRecord[],
  deps: ConsumeDeps,
): Promise<ConsumeResult> {
  const now = deps.now();
  const stamp = now.toISOString();
  const opened = await openRecords(records, deps.resolveKey);
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
      // Every endpoint the batch writes is judged once the writes are done (judgeTouched).
      let ids = touched.get(tenant);
      if (ids === undefined) touched.set(tenant, (ids = []));
      ids.push(id);
      const classifier = classifierFor(configs.get(tenant)!, deps.geo);
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
  const failed = await applyGroups(deps.doc, deps.inventoryTable, [...groups.values()], onError);
  try {
    for (const [tenant, t] of templaters) {
      await applyRewrites(deps.doc, deps.inventoryTable, tenant, t.templater.drainRewrites(), stamp);
      await t.save(stamp);
    }
  } catch (error) {
    // The structure must be saved with the counts it produced: retry the whole batch (watermarks
    // make the already-applied parts no-ops).
    onError(error);
    for (const r of records) failed.add(r.sequenceNumber);
  }
  const withNewEndpoints = new Set(newEndpoints.map((e) => e.tenant));
  const findingsWritten = await judgeTouched(
    deps,
    templaters,
    configs,
    touched,
    withNewEndpoints,
    stamp,
    (tenant, error) => {
      // Findings come from stored totals, so retrying the tenant's records re-judges the same state.
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
      quarantined: opened.quarantined.length,
      findingsWritten,
    },
  };
}

async function judgeTouched(
  deps: ConsumeDeps,
  templaters: ReadonlyMap<string, TenantTemplater>,
  configs: ReadonlyMap<string, TenantConfig>,
  touched: ReadonlyMap<string, EndpointIdentity[]>,
  withNewEndpoints: ReadonlySet<string>,
  now: string,
  onError: (tenant: string, error: unknown) => void,
): Promise<number> {
  if (deps.findingsTable === undefined) return 0;
  const findings = { doc: deps.doc, tableName: deps.findingsTable };
  const tables = { doc: deps.doc, inventoryTable: deps.inventoryTable, findingsTable: deps.findingsTable };
  let written = 0;
  for (const [tenant, ids] of touched) {
    const { templater } = templaters.get(tenant)!;
    // Merges in this batch moved items: judge them where they are now.
    const endpoints = ids.map((id) => ({ ...id, template: templater.resolveTemplate(id.host, id.template) }));
    const config = configs.get(tenant)!;
    try {
      // A new endpoint may be a documented operation's first call: only the whole inventory can
      // tell (and resolve its unused-endpoint finding). New endpoints are rare once traffic is known.
      if (config.specs.length > 0 && withNewEndpoints.has(tenant)) pendingAssessment.add(tenant);
      // At most once a minute per tenant: a tenant whose ids leak into new endpoints on every batch
      // must not make every batch read its whole inventory. The daily assessment catches up too.
      const due = Date.now() - (lastAssessed.get(tenant) ?? 0) >= (deps.assessIntervalMs ?? 60_000);
      if (pendingAssessment.has(tenant) && due) {
        lastAssessed.set(tenant, Date.now());
        written += (await assessTenant(tables, tenant, config, now)).written;
        pendingAssessment.delete(tenant);
        continue;
      }
      written += await judgeEndpoints({
        doc: deps.doc,
        inventoryTable: deps.inventoryTable,
        findings,
        tenant,
        endpoints,
        config,
        classifier: classifierFor(config, deps.geo),
        now,
      });
    } catch (error) {
      onError(tenant, error);
    }
  }
  return written;
}
