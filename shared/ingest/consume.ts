/**
 * The Kinesis consumer's core (functions/ingest-api-calls.ts is its thin handler): verify and
 * attribute records, drop source duplicates, then per host: template and commit the templating
 * state, write each aggregate exactly once, fold merged templates; and report which records must be
 * retried (Lambda checkpoints before the lowest one).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NewEndpoint } from '#events/new-endpoint.schema';
import type { GeoLookup } from '#shared/classify/geo';
import { EMPTY_CONFIG, type TenantConfig } from '#shared/tenancy/tenant-config';
import { tenantClassifier } from '#shared/tenancy/tenant-classifier';
import type { EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { specTemplateRules } from '#shared/inventory/spec-seeds';
import type { TemplateRules } from '#shared/inventory/templater';
import { applyHostCalls } from './apply-host-calls.ts';
import type { CallGroup } from './apply-groups.ts';
import { claimEnvelopes, IDEMPOTENCY_TTL_SECONDS } from './claim-envelopes.ts';
import { assessBatch } from '#shared/findings/assess-batch';
import type { TenantAssessmentSchedule } from '#shared/findings/assessment-schedule';
import { openRecords, type KeyResolver, type StreamRecord, type TenantCall } from './open-records.ts';
import { quarantineOpened, quarantineRefused, type RefusedCall } from './quarantine-batch.ts';
import type { QuarantineWriter } from './quarantine-store.ts';
import { hostStateStore } from './template-state-store.ts';

/** Hosts written at once; each host's items are written with apply-groups' own concurrency. */
const HOST_CONCURRENCY = 4;

export interface ConsumeDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly resolveKey: KeyResolver;
  /** Keeps rejected records and quarantined lines (S3 in AWS and locally), keyed by their source. */
  readonly quarantine: QuarantineWriter;
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

export interface ConsumeResult {
  readonly batchItemFailures: { itemIdentifier: string }[];
  readonly newEndpoints: NewEndpoint[];
  readonly stats: {
    records: number;
    calls: number;
    /** Rejected records stored for the first time: 0 for a batch delivered again, on any day. */
    rejected: number;
    duplicates: number;
    /** Lines stored for the first time: 0 for a duplicate envelope or a batch delivered again. */
    quarantined: number;
    findingsWritten: number;
    /** Templating commits refused because another writer saved first (each re-templated, none counted twice). */
    stateConflicts: number;
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
  const claims = await claimEnvelopes(deps.doc, deps.inventoryTable, opened.envelopes, now);
  const duplicates = new Set([...claims].filter(([, c]) => c.status === 'duplicate').map(([seq]) => seq));
  // After the claims: a duplicate envelope's lines are not stored again, nor counted.
  const quarantining = { doc: deps.doc, tableName: deps.inventoryTable, write: deps.quarantine };
  const stored = await quarantineOpened(quarantining, opened, claims);
  let quarantined = stored.lines;
  const calls = opened.calls.filter((c) => !duplicates.has(c.sequenceNumber));

  const configs = new Map<string, TenantConfig>();
  // One host's calls from one shard are templated and written together (apply-host-calls.ts); the
  // forwarders key records by (tenant, host), so a host's templating has one writer at a time.
  const byHost = new Map<string, TenantCall[]>();
  for (const c of calls) {
    if (!configs.has(c.tenant))
      configs.set(
        c.tenant,
        deps.tenantConfig === undefined ? EMPTY_CONFIG : await deps.tenantConfig(c.tenant),
      );
    const key = `${c.tenant}\u0000${c.call.host}\u0000${c.shardId}`;
    let members = byHost.get(key);
    if (members === undefined) byHost.set(key, (members = []));
    members.push(c);
  }
  const onError = deps.onError ?? (() => undefined);
  // The paths of the OpenAPI documents a tenant uploaded seed its hosts' templaters, as
  // `surveyor analyze --spec` does: documented paths are kept, undocumented traffic still inferred.
  const seeds = new Map<string, Map<string, TemplateRules>>();
  const seedsOf = (tenant: string): Map<string, TemplateRules> => {
    let bySpec = seeds.get(tenant);
    if (bySpec === undefined) seeds.set(tenant, (bySpec = specTemplateRules(configs.get(tenant)!.specs)));
    return bySpec;
  };
  const states = hostStateStore(deps.doc, deps.inventoryTable, (tenant, host) => seedsOf(tenant).get(host));
  const failed = new Set<string>();
  const touched = new Map<string, EndpointIdentity[]>();
  const newEndpoints: NewEndpoint[] = [];
  let stateConflicts = 0;
  const refused: RefusedCall[] = [];
  // DynamoDB refused an item itself: retrying cannot help, so its calls are quarantined alone.
  const onRefused = (group: CallGroup, error: unknown): void => {
    for (const member of group.members) refused.push({ member, error });
  };
  const hosts = [...byHost.values()];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const members = hosts[next++]!;
      const { tenant, shardId, call } = members[0]!;
      const outcome = await applyHostCalls(
        {
          doc: deps.doc,
          tableName: deps.inventoryTable,
          states,
          classifier: tenantClassifier(configs.get(tenant)!, deps.geo),
          stamp,
          now,
          onError,
          onRefused,
        },
        tenant,
        call.host,
        shardId,
        members,
      );
      for (const s of outcome.failed) failed.add(s);
      newEndpoints.push(...outcome.newEndpoints);
      stateConflicts += outcome.conflicts;
      let ids = touched.get(tenant);
      if (ids === undefined) touched.set(tenant, (ids = []));
      ids.push(...outcome.touched);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HOST_CONCURRENCY, hosts.length) }, worker));
  if (refused.length > 0) {
    const envelopes = new Map(opened.envelopes.map((e) => [e.sequenceNumber, e]));
    quarantined += await quarantineRefused(quarantining, refused, envelopes, claims);
  }
  const withNewEndpoints = new Set(newEndpoints.map((e) => e.tenant));
  const findingsWritten =
    deps.findingsTable === undefined
      ? 0
      : await assessBatch(
          { ...deps, findingsTable: deps.findingsTable, schedule: deps.assessments },
          [...touched].map(([tenant, ids]) => {
            const config = configs.get(tenant)!;
            return {
              tenant,
              // Written at their templates as they stand after the batch's merges.
              endpoints: ids,
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
      rejected: stored.rejected,
      duplicates: duplicates.size,
      quarantined,
      findingsWritten,
      stateConflicts,
    },
  };
}
