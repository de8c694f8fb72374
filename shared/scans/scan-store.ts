/**
 * What a scan writes: one item per host result (read back by the summary and the CLI), external
 * hosts and spec-documented operations into the inventory (source `external`), findings into the
 * findings table through the same lifecycle as runtime findings, and the scan's report.
 */
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FindingCandidate } from '#shared/findings/candidate';
import { recordFindings, type FindingsTable } from '#shared/findings/store';
import { inventoryKeys, tenantScope } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';
import type { InventoryTable } from './domain-store.ts';
import { findingKey, type PreviousScan, type ScanReport } from './scan-report.ts';
import type { ExternalFinding, HostResult } from './scan-types.ts';

const HOST_RESULT_DAYS = 30;

export interface ScanRef {
  readonly tenant: string;
  readonly scanId: string;
  readonly startedAt: string;
}

/** Finding identity within the tenant: type + `host:port` (+ path for files and specs). */
export function findingSubject(f: ExternalFinding): string {
  return `${f.host}:${f.port}${f.path ?? ''}`;
}

export function toCandidate(f: ExternalFinding, now: string): FindingCandidate {
  return {
    type: f.type,
    severity: f.severity,
    subject: findingSubject(f),
    host: f.host,
    ...(f.path !== undefined && { path: f.path }),
    evidence: { port: f.port, source: 'external', ...f.evidence },
    lastSeen: now,
  };
}

/** Writes one host's result, its inventory items and findings. Safe to retry: every write is idempotent per scan. */
export async function recordHostResult(
  inventory: InventoryTable,
  findings: FindingsTable,
  scan: ScanRef,
  result: HostResult,
  now: string,
): Promise<void> {
  const pk = tenantScope(scan.tenant);
  const expiresAt = Math.floor(Date.parse(now) / 1000) + HOST_RESULT_DAYS * 86_400;
  const { operations, ...stored } = result;
  await inventory.doc.send(
    new PutCommand({
      TableName: inventory.tableName,
      Item: {
        pk,
        sk: inventoryKeys.scanHost(scan.scanId, result.host),
        kind: 'scan-host',
        ...stored,
        operations: operations.length,
        expiresAt,
      },
    }),
  );
  if (result.services.length === 0) return;
  await inventory.doc.send(
    new UpdateCommand({
      TableName: inventory.tableName,
      Key: { pk, sk: inventoryKeys.externalHost(result.host) },
      UpdateExpression:
        'SET kind = :kind, #source = :source, host = :host, address = :address, environment = :env, services = :services, lastScanned = :now, lastScanId = :scan, firstSeen = if_not_exists(firstSeen, :now)',
      ExpressionAttributeNames: { '#source': 'source' },
      ExpressionAttributeValues: {
        ':kind': 'external-host',
        ':source': 'external',
        ':host': result.host,
        ':address': result.address,
        ':env': result.environment,
        ':services': result.services,
        ':now': now,
        ':scan': scan.scanId,
      },
    }),
  );
  for (const op of operations) {
    await inventory.doc.send(
      new UpdateCommand({
        TableName: inventory.tableName,
        Key: { pk, sk: inventoryKeys.externalEndpoint(result.host, op.method, op.path) },
        UpdateExpression:
          'SET kind = :kind, #source = :source, host = :host, #method = :method, #path = :path, documented = :doc, lastScanned = :now, firstSeen = if_not_exists(firstSeen, :now)',
        ExpressionAttributeNames: { '#source': 'source', '#method': 'method', '#path': 'path' },
        ExpressionAttributeValues: {
          ':kind': 'external-endpoint',
          ':source': 'external',
          ':host': result.host,
          ':method': op.method,
          ':path': op.path,
          ':doc': 'exposed-spec',
          ':now': now,
        },
      }),
    );
  }
  await recordFindings(
    findings,
    scan.tenant,
    result.findings.map((f) => toCandidate(f, now)),
    now,
  );
}

export async function readHostResults(inventory: InventoryTable, scan: ScanRef): Promise<HostResult[]> {
  const items = await queryPrefix(
    inventory.doc,
    inventory.tableName,
    scan.tenant,
    inventoryKeys.scanHostPrefix(scan.scanId),
  );
  return items
    .map(
      ({ pk: _pk, sk: _sk, kind: _kind, expiresAt: _e, operations: _o, ...rest }) =>
        ({ ...rest, operations: [] }) as unknown as HostResult,
    )
    .sort((a, b) => a.host.localeCompare(b.host));
}

/** The most recent scan before `scan`, for "new since the last scan". */
export async function previousScan(
  inventory: InventoryTable,
  scan: ScanRef,
): Promise<PreviousScan | undefined> {
  const { Items } = await inventory.doc.send(
    new QueryCommand({
      TableName: inventory.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': tenantScope(scan.tenant),
        ':from': inventoryKeys.scanPrefix(),
        ':to': inventoryKeys.scan(scan.startedAt, ''),
      },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = Items?.[0];
  return item === undefined
    ? undefined
    : { hosts: item.hostNames as string[], findingKeys: item.findingKeys as string[] };
}

export async function saveScan(
  inventory: InventoryTable,
  scan: ScanRef,
  report: ScanReport,
  hosts: readonly HostResult[],
  finishedAt: string,
): Promise<void> {
  await inventory.doc.send(
    new PutCommand({
      TableName: inventory.tableName,
      Item: {
        pk: tenantScope(scan.tenant),
        sk: inventoryKeys.scan(scan.startedAt, scan.scanId),
        kind: 'scan',
        scanId: scan.scanId,
        startedAt: scan.startedAt,
        finishedAt,
        report,
        hostNames: hosts.filter((h) => h.services.length > 0).map((h) => h.host),
        findingKeys: hosts.flatMap((h) => h.findings.map(findingKey)),
      },
    }),
  );
}
