/**
 * External discovery in `npm start`: Surveyor's Log4Shell callback listener, the demo estate (its DNS
 * zone publishes the demo tenant's TXT token), the demo tenant's claim on the estate domain with the
 * Log4Shell opt-in, the scan handlers' settings, and a local schedule that scans every tenant with a
 * claimed domain (what the per-tenant EventBridge Scheduler schedules do in AWS), once at start-up
 * and then every SURVEYOR_SCAN_EVERY_MINUTES.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { recordCallback } from '#shared/scans/callback-canary';
import { claimDomain, putScanSettings } from '#shared/scans/domain-store';
import { SCAN_ENV } from '#shared/scans/scan-env';
import { verificationRecord } from '#shared/scans/verify-domain';
import { startCallbackListener, CALLBACK_ZONE } from '#local/stack/callback-listener';
import type { LocalClients } from '#local/stack/clients';
import type { ResourceNames } from '#local/stack/resource-names';
import { writeScanEnvironment } from '#local/stack/scan-environment';
import { localScanRunner } from '#local/stack/scan-runner';
import {
  CALLBACK_ADDRESS,
  ESTATE_FIRST_HOST,
  ESTATE_NETWORK,
  type EstateConfig,
} from './estate/estate-config.ts';
import { DEMO_DOMAIN } from './estate/estate-hosts.ts';
import { startEstate } from './estate/start-estate.ts';

export interface DemoScans {
  readonly lines: readonly string[];
  stop(): Promise<void>;
}

export async function startDemoScans(
  clients: LocalClients,
  names: ResourceNames,
  dataDir: string,
  region: string,
  config: EstateConfig,
  demoTenant: string,
  log: (message: string) => void,
): Promise<DemoScans> {
  const inventory = { doc: clients.doc, tableName: names.inventoryTable };
  const listener = await startCallbackListener(
    CALLBACK_ADDRESS,
    config.callbackPort,
    (name) =>
      void recordCallback(inventory, name, new Date()).catch((e: unknown) =>
        log(`callback listener: ${(e as Error).message}`),
      ),
  );
  const claim = await claimDomain(inventory, demoTenant, DEMO_DOMAIN, new Date().toISOString());
  await putScanSettings(inventory, demoTenant, { log4shell: true });
  const estate = await startEstate({
    network: ESTATE_NETWORK,
    firstHost: ESTATE_FIRST_HOST,
    httpsPort: config.httpsPort,
    httpPort: config.httpPort,
    dnsPort: config.dnsPort,
    verificationTxt: verificationRecord(DEMO_DOMAIN, claim.token).value,
    callbackDns: listener.address,
  });
  mkdirSync(dataDir, { recursive: true });
  const caFile = join(dataDir, 'estate-ca.pem');
  const ctFile = join(dataDir, 'estate-certificate-names.json');
  const targetsFile = join(dataDir, 'estate-targets.json');
  writeFileSync(caFile, estate.caPem);
  writeFileSync(ctFile, JSON.stringify({ [estate.domain]: estate.certificateNames }));
  writeFileSync(
    targetsFile,
    JSON.stringify(
      estate.targets.map(({ host, address, port }) => ({ host, address, port })),
      null,
      1,
    ),
  );
  const scanEnv = {
    [SCAN_ENV.dnsServers]: estate.dns.address,
    [SCAN_ENV.allowLoopback]: 'true',
    [SCAN_ENV.extraCaFile]: caFile,
    [SCAN_ENV.ports]: [config.httpsPort, config.httpPort].join(','),
    [SCAN_ENV.certificateNamesFile]: ctFile,
    [SCAN_ENV.callbackZone]: CALLBACK_ZONE,
  };
  writeScanEnvironment(dataDir, scanEnv);
  Object.assign(process.env, scanEnv);
  const runner = await localScanRunner(region);

  let running: Promise<void> | undefined;
  const scanAll = async (): Promise<void> => {
    for (const tenant of await tenantsWithDomains(clients, names)) {
      const result = await runner.run({ tenant }).catch((e: unknown) => {
        log(`scan of ${tenant} failed: ${(e as Error).message}`);
        return undefined;
      });
      if (result !== undefined) {
        const r = result.report;
        log(
          `scan of ${tenant}: ${r.hostsWithServices} hosts, ${Object.values(r.findingsByType).reduce((a, b) => a + b, 0)} findings (surveyor findings --tenant ${tenant})`,
        );
      }
    }
  };
  const tick = () => {
    running ??= scanAll().finally(() => (running = undefined));
  };
  const first = setTimeout(tick, 3000);
  const timer = setInterval(tick, config.scanEveryMinutes * 60_000);
  first.unref();
  timer.unref();
  return {
    lines: [
      `Estate    ${estate.targets.length} demo hosts of ${estate.domain} on ${ESTATE_NETWORK}.x:${config.httpsPort}/${config.httpPort}, DNS ${estate.dns.address}`,
      `Scans     tenant "${demoTenant}" every ${config.scanEveryMinutes} min (first in a few seconds); Log4Shell callbacks at ${listener.address}`,
      `          npx surveyor scan --domain ${estate.domain} --tenant ${demoTenant}`,
      `          npx surveyor scan --targets ${targetsFile} --ca-file ${caFile} --allow-loopback`,
    ],
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
      await estate.close();
      await listener.close();
    },
  };
}

/** Tenants that claimed a domain: one local "schedule" each, like EventBridge Scheduler per tenant. */
async function tenantsWithDomains(clients: LocalClients, names: ResourceNames): Promise<string[]> {
  // DynamoDB Local holds a handful of tenants; AWS uses one Scheduler schedule per tenant instead.
  const tenants = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients.doc.send(
      new ScanCommand({
        TableName: names.inventoryTable,
        FilterExpression: 'begins_with(sk, :domain)',
        ExpressionAttributeValues: { ':domain': 'DOMAIN#' },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) tenants.add(String(item.pk).split('#')[1]!);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return [...tenants].sort();
}
