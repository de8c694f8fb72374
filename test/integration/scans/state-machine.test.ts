import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { recordCallback } from '#shared/scans/callback-canary';
import { claimDomain, putScanSettings } from '#shared/scans/domain-store';
import { readHostResults } from '#shared/scans/scan-store';
import { listFindings, recordFindings } from '#shared/findings/store';
import { toCandidate } from '#shared/scans/scan-store';
import { queryPrefix } from '#shared/tables/query-prefix';
import { localScanRunner, type LocalScanRunner } from '#local/stack/scan-runner';
import { CALLBACK_ZONE } from '#local/stack/callback-listener';
import { handlerEnvironment } from '#local/stack/stack-env';
import { plantedTypes, startEstateFixture, type EstateFixture } from './estate-fixture.ts';

const { clients, names, endpoints } = localEnv();
const inventory = { doc: clients.doc, tableName: names.inventoryTable };
const findingsTable = { doc: clients.doc, tableName: names.findingsTable };
let fixture: EstateFixture;
let runner: LocalScanRunner;

beforeAll(async () => {
  fixture = await startEstateFixture(150, (name) => void recordCallback(inventory, name, new Date()));
  Object.assign(process.env, handlerEnvironment(endpoints, names, 'us-east-1', 'unused-in-scans'), {
    SCAN_DNS_SERVERS: fixture.estate.dns.address,
    SCAN_ALLOW_LOOPBACK: 'true',
    SCAN_EXTRA_CA_FILE: fixture.caFile,
    SCAN_PORTS: fixture.estate.ports.join(','),
    SCAN_CERTIFICATE_NAMES_FILE: fixture.ctFile,
    SCAN_CALLBACK_ZONE: CALLBACK_ZONE,
  });
  runner = await localScanRunner('us-east-1');
});

afterAll(() => fixture.close());

describe('the scan state machine run locally', () => {
  it('finds every planted issue in the demo estate and nothing on the clean hosts', async () => {
    const tenant = uniqueTenant('scan');
    await claimDomain(inventory, tenant, fixture.estate.domain, new Date().toISOString(), fixture.token);
    await putScanSettings(inventory, tenant, { log4shell: true });

    const progress = { total: -1, done: [] as number[] };
    const result = await runner.run(
      { tenant, domain: fixture.estate.domain },
      { hostsFound: (total) => (progress.total = total), hostDone: (done) => progress.done.push(done) },
    );

    const hosts = await readHostResults(inventory, result);
    // Progress (the CLI's bar): every discovered host is counted once, in order.
    expect(progress.total).toBe(hosts.length);
    expect(progress.done).toEqual(hosts.map((_, i) => i + 1));
    const found = Object.fromEntries(
      hosts.filter((h) => h.services.length > 0).map((h) => [h.host, h.findings.map((f) => f.type).sort()]),
    );
    expect(found).toEqual(plantedTypes(fixture.estate));
    expect(result.report).toMatchObject({
      hostsWithServices: 19,
      exposedFiles: 5,
      exposedSpecs: 1,
      failedHosts: [],
    });
    expect(result.report.log4shellSuspects).toEqual(['search.acme-shop.example']);
  });

  it('records findings with the runtime lifecycle and the hosts and spec operations as external inventory', async () => {
    const tenant = uniqueTenant('scan');
    await claimDomain(inventory, tenant, fixture.estate.domain, new Date().toISOString(), fixture.token);

    // A finding an earlier scan left on a host that is clean now.
    const earlier = new Date(Date.now() - 86_400_000).toISOString();
    const gone = {
      type: 'tls-expired' as const,
      severity: 'high' as const,
      host: 'www.acme-shop.example',
      port: 443,
      evidence: {},
    };
    await recordFindings(findingsTable, tenant, [toCandidate(gone, earlier)], earlier);

    const first = await runner.run({ tenant });
    const second = await runner.run({ tenant });

    const all = await listFindings(findingsTable, tenant);
    expect(all.find((f) => f.host === gone.host)).toMatchObject({ status: 'resolved', statusBy: 'surveyor' });
    const stored = all.filter((f) => f.host !== gone.host);
    expect(stored.every((f) => f.status === 'open' && f.occurrences === 2)).toBe(true);
    expect(stored.some((f) => f.type === 'log4shell')).toBe(false); // not opted in
    expect(stored.filter((f) => f.type === 'exposed-secret-file')).toHaveLength(5);
    const external = await queryPrefix(clients.doc, names.inventoryTable, tenant, 'X');
    expect(external.filter((i) => i.kind === 'external-host')).toHaveLength(19);
    expect(
      external
        .filter((i) => i.kind === 'external-endpoint')
        .map((i) => `${i.method} ${i.path}`)
        .sort(),
    ).toEqual(['GET /partner/v2/orders', 'GET /partner/v2/orders/{id}']);
    expect(first.report.newHosts).toEqual([]);
    expect(second.report.newFindings).toBe(0);
  });

  it('fails the scan of a domain whose TXT token does not match, without touching any host', async () => {
    const tenant = uniqueTenant('scan');
    await claimDomain(inventory, tenant, fixture.estate.domain, new Date().toISOString(), 'wrongtoken');
    await expect(runner.run({ tenant, domain: fixture.estate.domain })).rejects.toThrow(
      /DomainNotVerifiedError|not verified/,
    );
  });
});
