/**
 * The scan handlers' settings in the local stack (estate DNS, demo CA, ports, certificate names,
 * callback zone, loopback allowed), written by `npm start` into the data folder so that
 * `surveyor scan --domain` runs the state machine with the same settings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'scan-environment.json';

export function writeScanEnvironment(dataDir: string, env: Readonly<Record<string, string>>): void {
  writeFileSync(join(dataDir, FILE), JSON.stringify(env, null, 2));
}

/** The settings `npm start` wrote, or undefined when it has not run with this data folder. */
export function readScanEnvironment(dataDir: string): Record<string, string> | undefined {
  const file = join(dataDir, FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : undefined;
}
