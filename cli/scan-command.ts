/**
 * `surveyor scan`: external discovery.
 *   surveyor scan --domain D --tenant T [--json]    the scan state machine, locally, on a verified domain
 *   surveyor scan --targets FILE [--ca-file PEM] [--allow-loopback] [--json]   listed targets, in-process
 * Unsafe or malformed input stops before any connection, with a message on stderr.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { createEnvironmentClassifier } from '#shared/classify/environment';
import { readTargets } from '#shared/scans/read-targets';
import { SCANNER_USER_AGENT } from '#shared/scans/scan-settings';
import { scanTargets, type ScanOutcome } from '#shared/scans/scan-targets';
import { splitPem } from '#shared/scans/tls/trust-store';
import { startProgress } from './progress.ts';
import { renderScan, scanJson } from './scan-output.ts';
import { scanDomain } from './scan-domain.ts';

interface ScanFlags {
  domain?: string;
  tenant?: string;
  targets?: string;
  caFile?: string;
  allowLoopback: boolean;
  json: boolean;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(COMMAND_SUMMARIES.scan)
    .option('--domain <domain>', 'a domain the tenant verified (TXT _surveyor.<domain>)')
    .option('--tenant <tenant>', 'tenant id (with --domain)')
    .option(
      '--targets <file>',
      'JSON array of { "host", "address", "port" } (connect to address:port as host)',
    )
    .option('--ca-file <pem>', 'extra trusted root certificates (with --targets)')
    .option('--allow-loopback', 'allow loopback addresses (local test estates only)', false)
    .option('--json', 'print { hosts, findings, report } as one JSON document', false)
    .action(async (flags: ScanFlags) => {
      const outcome = await run(flags);
      process.stdout.write((flags.json ? JSON.stringify(scanJson(outcome)) : renderScan(outcome)) + '\n');
    });
}

async function run(flags: ScanFlags): Promise<ScanOutcome> {
  if ((flags.targets === undefined) === (flags.domain === undefined)) {
    throw new UsageError('give either --domain D --tenant T, or --targets FILE');
  }
  if (flags.domain !== undefined) {
    if (flags.tenant === undefined) throw new UsageError('--domain needs --tenant');
    if (flags.caFile !== undefined || flags.allowLoopback) {
      throw new UsageError(
        '--ca-file and --allow-loopback go with --targets; a domain scan uses the stack settings',
      );
    }
    return scanDomain(flags.tenant, flags.domain);
  }
  const extraCa = flags.caFile === undefined ? [] : [readCaFile(flags.caFile)];
  const targets = readTargets(readFileSync(flags.targets!, 'utf8'), flags.targets!, flags.allowLoopback);
  const progress = startProgress(targets.length, 'scanning');
  try {
    return await scanTargets(
      targets,
      {
        allowLoopback: flags.allowLoopback,
        extraCa,
        connectTimeoutMs: 3000,
        requestTimeoutMs: 5000,
        userAgent: SCANNER_USER_AGENT,
        now: () => new Date(),
        environment: createEnvironmentClassifier(),
      },
      { onHostDone: (done) => progress.update(done) },
    );
  } finally {
    progress.stop();
  }
}

function readCaFile(path: string): string {
  const pem = readFileSync(path, 'utf8');
  if (splitPem(pem).length === 0) throw new UsageError(`${path}: no PEM certificate in it`);
  return pem;
}

class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
