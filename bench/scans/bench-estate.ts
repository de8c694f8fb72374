/**
 * A generated estate for the scan benchmark: N host names under one domain, served by a handful of
 * servers on loopback that answer every name by SNI with one wildcard certificate each (clean JSON
 * API, expired certificate, exposed files, plain-HTTP API), so N hosts cost a few sockets.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificateAuthority, leafCertificate, rsaKeys } from '#local/demo/estate/certificates';
import { appHandler } from '#local/demo/estate/estate-apps';
import type { App } from '#local/demo/estate/estate-hosts';

export const BENCH_DOMAIN = 'bench.example';
const DAY = 86_400_000;

interface Kind {
  readonly name: string;
  readonly app: App;
  readonly tls: 'valid' | 'expired' | false;
  /** Share of the hosts, in tenths. */
  readonly share: number;
}

const KINDS: readonly Kind[] = [
  { name: 'clean', app: 'json-api', tls: 'valid', share: 7 },
  { name: 'expired', app: 'website', tls: 'expired', share: 1 },
  { name: 'files', app: 'files', tls: 'valid', share: 1 },
  { name: 'plain', app: 'json-api', tls: false, share: 1 },
];

export interface BenchEstate {
  readonly targets: { host: string; address: string; port: number }[];
  readonly caPem: string;
  readonly kinds: Record<string, string>;
  close(): Promise<void>;
}

export async function startBenchEstate(
  hosts: number,
  network = '127.0.2',
  firstHost = 200,
): Promise<BenchEstate> {
  const keys = rsaKeys(2048);
  const ca = certificateAuthority('Bench Root CA', keys);
  const servers: http.Server[] = [];
  const targets: BenchEstate['targets'] = [];
  const kinds: Record<string, string> = {};
  const listening: { kind: Kind; address: string; port: number }[] = [];
  for (const [i, kind] of KINDS.entries()) {
    const address = `${network}.${firstHost + i}`;
    const handler = appHandler(kind.app, () => undefined);
    const options =
      kind.tls === 'expired'
        ? leafCertificate({
            names: [`*.${BENCH_DOMAIN}`],
            keys,
            issuer: ca,
            notBefore: new Date(Date.now() - 400 * DAY),
            notAfter: new Date(Date.now() - DAY),
          })
        : leafCertificate({ names: [`*.${BENCH_DOMAIN}`], keys, issuer: ca });
    const server = kind.tls === false ? http.createServer(handler) : https.createServer(options, handler);
    server.maxConnections = 4096;
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    servers.push(server);
    listening.push({ kind, address, port: (server.address() as AddressInfo).port });
  }
  for (let i = 0; i < hosts; i++) {
    const slot = i % 10;
    let acc = 0;
    const pick = listening.find((l) => (acc += l.kind.share) > slot)!;
    const host = `h${i}.${BENCH_DOMAIN}`;
    targets.push({ host, address: pick.address, port: pick.port });
    kinds[host] = pick.kind.name;
  }
  return {
    targets,
    caPem: ca.cert,
    kinds,
    async close() {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
