/** Runs `bin/surveyor.js` as a child process, as a user would, for the CLI tests. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(process.cwd(), 'bin/surveyor.js');

/** `await run(['analyze', '--json', file])`: exit code and both streams, never rejects. */
export function run(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr }),
    );
  });
}

/** A file of the findings fixtures (test/events/findings). */
export function findingsFixture(name: string): string {
  return join(process.cwd(), 'test/events/findings', name);
}

/** The logs that together produce every finding type (with `openapi.yaml` and `rules.yaml`). */
export const FINDING_LOGS = ['alb-public.log', 'alb-nonprod.log', 'apigw-rest.json', 'apigw-http.json'].map(
  findingsFixture,
);

/** The logs that show every authentication scheme. */
export const AUTH_LOGS = ['auth-schemes.apigw.json', 'auth-schemes.alb.log'].map(findingsFixture);

export interface Finding {
  type: string;
  severity: string;
  subject: string;
  host: string;
  method?: string;
  path?: string;
  evidence: Record<string, unknown>;
  occurrences?: number;
  category?: string;
}

export interface Endpoint {
  host: string;
  method: string;
  path: string;
  calls: number;
  auth: Record<string, number>;
  classification: {
    auth: string[];
    exposure: 'internal' | 'external';
    environment: string;
    sensitive: string[];
    countries: string[];
    asns: string[];
    spec?: string;
  };
}

export interface AnalyzeReport {
  endpoints: Endpoint[];
  findings: Finding[];
  quarantined: number;
  lines: number;
}
