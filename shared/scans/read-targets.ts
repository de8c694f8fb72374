/**
 * A `--targets` file to host targets: validated against its schema, every host name checked, every
 * address vetted by shared/net before anything is scanned. One bad entry refuses the whole file, with
 * the entry's index in the message.
 */
import { describeErrors, validateScanTargets } from '#events/validate';
import { normalizeHostName, vetPinned } from '#shared/net/resolve';
import type { HostTarget } from './scan-types.ts';

export class InvalidTargetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTargetsError';
  }
}

/** Throws `InvalidTargetsError` (malformed) or `UnsafeTargetError` (an address that is refused). */
export function readTargets(text: string, source: string, allowLoopback: boolean): HostTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidTargetsError(`${source}: not JSON (${(cause as Error).message})`);
  }
  if (!validateScanTargets(parsed)) {
    throw new InvalidTargetsError(
      `${source}: expected [{ "host", "address", "port" }, ...]: ${describeErrors(validateScanTargets)}`,
    );
  }
  const byHost = new Map<string, { host: string; address: string; ports: number[] }>();
  for (const [index, entry] of parsed.entries()) {
    let host: string;
    try {
      host = normalizeHostName(entry.host);
    } catch (error) {
      throw new InvalidTargetsError(`${source}[${index}]: ${(error as Error).message}`);
    }
    const { address } = vetPinned(host, entry.address, { allowLoopback });
    const key = `${host} ${address}`;
    const target = byHost.get(key) ?? { host, address, ports: [] };
    if (!target.ports.includes(entry.port)) target.ports.push(entry.port);
    byHost.set(key, target);
  }
  return [...byHost.values()];
}
