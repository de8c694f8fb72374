/**
 * Surveyor's own Log4Shell callback listener for the local stack: an authoritative DNS server for the
 * callback zone that remembers which names were queried and answers NXDOMAIN (nothing to connect to).
 * It owns the set of names seen, kept for ten minutes at most.
 */
import type { Log4ShellCanary } from '#shared/scans/scan-settings';
import { startDnsServer } from './dns-server.ts';

export const CALLBACK_ZONE = 'cb.surveyor.localhost';
const KEEP_MS = 10 * 60_000;

export interface CallbackListener extends Log4ShellCanary {
  readonly address: string;
  close(): Promise<void>;
}

/** `record` also gets every name seen (the local stack writes it where scan steps look: `tableCanary`). */
export async function startCallbackListener(
  host: string,
  port: number,
  record: (name: string) => void = () => undefined,
): Promise<CallbackListener> {
  const seen = new Map<string, number>();
  const server = await startDnsServer({
    host,
    port,
    records: () => undefined,
    onQuery: (name) => {
      if (!name.endsWith(`.${CALLBACK_ZONE}`)) return;
      const now = Date.now();
      for (const [n, at] of seen) if (now - at > KEEP_MS) seen.delete(n);
      seen.set(name, now);
      record(name);
    },
  });
  return {
    zone: CALLBACK_ZONE,
    address: server.address,
    async waitFor(name, waitMs) {
      const until = Date.now() + waitMs;
      const wanted = name.toLowerCase();
      while (!seen.has(wanted)) {
        if (Date.now() >= until) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    },
    close: () => server.close(),
  };
}
