/**
 * `surveyor scan --domain D --tenant T`: runs the scan state machine locally (the CDK-synthesized
 * ASL in aws-local-stepfunctions with the scan handlers) against the running local stack. A domain
 * the tenant has not claimed is claimed here and the TXT record to publish is printed; the scan
 * starts once the record is there.
 */
import { claimDomain, getDomain } from '#shared/scans/domain-store';
import { scanReport } from '#shared/scans/scan-report';
import { readHostResults } from '#shared/scans/scan-store';
import type { ScanOutcome } from '#shared/scans/scan-targets';
import { normalizeDomain, verificationRecord } from '#shared/scans/verify-domain';
import { tenantScope } from '#shared/tables/keys';
import { handlerEnvironment } from '#local/stack/stack-env';
import { localScanRunner } from '#local/stack/scan-runner';
import { readScanEnvironment } from '#local/stack/scan-environment';
import { connectLocalStack, explainUnreachable } from './local-stack.ts';
import { startProgress, type Progress } from './progress.ts';

export async function scanDomain(tenant: string, rawDomain: string): Promise<ScanOutcome> {
  tenantScope(tenant);
  const domain = normalizeDomain(rawDomain);
  const stack = connectLocalStack();
  const inventory = { doc: stack.clients.doc, tableName: stack.names.inventoryTable };
  const claimed = await getDomain(inventory, tenant, domain).catch((e: unknown) => {
    throw explainUnreachable(e);
  });
  if (claimed === undefined) {
    const { token } = await claimDomain(inventory, tenant, domain, new Date().toISOString());
    const record = verificationRecord(domain, token);
    throw new Error(
      `${domain} is now claimed for ${tenant}; prove control by publishing TXT ${record.name} "${record.value}", then run the scan again`,
    );
  }
  const { config } = stack;
  const endpoints = {
    dynamodb: `http://${config.host}:${config.ports.dynamodb}`,
    kinesis: `http://${config.host}:${config.ports.kinesis}`,
    s3: `http://${config.host}:${config.ports.s3}`,
  };
  // The handlers read their configuration at cold start, as in Lambda: the environment comes first.
  Object.assign(
    process.env,
    handlerEnvironment(endpoints, stack.names, config.region, 'unused-by-scans'),
    readScanEnvironment(config.dataDir) ?? {},
  );
  const runner = await localScanRunner(config.region);
  let progress: Progress | undefined;
  const result = await runner
    .run(
      { tenant, domain },
      {
        hostsFound: (total) => (progress = startProgress(total, 'scanning')),
        hostDone: (done) => progress?.update(done),
      },
    )
    .finally(() => progress?.stop());
  const hosts = (await readHostResults(inventory, result)).filter(
    (h) => h.services.length > 0 || h.error !== undefined,
  );
  return { hosts, findings: hosts.flatMap((h) => h.findings), report: result.report ?? scanReport(hosts) };
}
