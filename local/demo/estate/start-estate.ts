/**
 * Starts the demo estate: one real HTTP(S) server per host on its own loopback address, and an
 * authoritative DNS server for the demo domain (A records and the domain's TXT verification token).
 * Port 0 gives every server a free port (tests); `npm start` passes fixed ports.
 */
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { startDnsServer, type DnsServer, type ZoneRecords } from '#local/stack/dns-server';
import { appHandler } from './estate-apps.ts';
import { DEMO_DOMAIN, ESTATE_HOSTS, estateName, type EstateHost } from './estate-hosts.ts';
import { estateAuthorities, tlsOptions } from './estate-tls.ts';

export interface EstateOptions {
  /** First three octets of the loopback block: `127.0.2`. */
  readonly network: string;
  /** Host octets start here: host i gets `${network}.${firstHost + i}`. */
  readonly firstHost: number;
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly dnsPort: number;
  /** The TXT value `_surveyor.<domain>` publishes. */
  readonly verificationTxt: string;
  /** Where the Log4Shell-like app sends its DNS lookups (Surveyor's callback listener). */
  readonly callbackDns?: string;
  readonly domain?: string;
}

export interface EstateTarget {
  readonly host: string;
  readonly address: string;
  readonly port: number;
}

export interface RunningEstate {
  readonly domain: string;
  readonly dns: DnsServer;
  /** PEM of the demo root CA (what `--ca-file` gets). */
  readonly caPem: string;
  readonly targets: readonly (EstateTarget & { readonly spec: EstateHost })[];
  readonly ports: readonly number[];
  /** Names on the certificates the demo CA issued: what certificate transparency would list. */
  readonly certificateNames: readonly string[];
  close(): Promise<void>;
}

export async function startEstate(options: EstateOptions): Promise<RunningEstate> {
  const domain = options.domain ?? DEMO_DOMAIN;
  const authorities = estateAuthorities();
  const servers: http.Server[] = [];
  const targets: (EstateTarget & { spec: EstateHost })[] = [];
  const lookup = callbackLookup(options.callbackDns);
  const chosen: { http?: number; https?: number } = {
    ...(options.httpPort !== 0 && { http: options.httpPort }),
    ...(options.httpsPort !== 0 && { https: options.httpsPort }),
  };
  try {
    for (const [i, spec] of ESTATE_HOSTS.entries()) {
      const host = estateName(spec.label, domain);
      const address = `${options.network}.${options.firstHost + i}`;
      const handler = appHandler(spec.app, lookup);
      const server =
        spec.tls === false
          ? http.createServer(handler)
          : https.createServer(tlsOptions(spec.tls, host, authorities), handler);
      // Port 0: the first server of a scheme picks a free port, the others share it on their own address.
      const port = (spec.tls === false ? chosen.http : chosen.https) ?? 0;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => resolve());
      });
      servers.push(server);
      const bound = (server.address() as AddressInfo).port;
      if (spec.tls === false) chosen.http ??= bound;
      else chosen.https ??= bound;
      targets.push({ host, address, port: bound, spec });
    }
    const records = zoneRecords(domain, targets, options.verificationTxt);
    const dnsServer = await startDnsServer({
      host: `${options.network}.53`,
      port: options.dnsPort,
      records: (n) => records.get(n),
    });
    return {
      domain,
      dns: dnsServer,
      caPem: authorities.trusted.cert,
      targets,
      ports: [...new Set(targets.map((t) => t.port))],
      certificateNames: targets.filter((t) => t.spec.tls !== false).map((t) => t.host),
      async close() {
        for (const server of servers) server.closeAllConnections();
        await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
        await dnsServer.close();
      },
    };
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }
}

function zoneRecords(
  domain: string,
  targets: readonly EstateTarget[],
  txt: string,
): Map<string, ZoneRecords> {
  const records = new Map<string, ZoneRecords>();
  for (const t of targets) records.set(t.host, { a: [t.address] });
  records.set(`_surveyor.${domain}`, { txt: [txt] });
  records.set(domain, { txt: ['v=spf1 -all'] });
  return records;
}

function callbackLookup(server: string | undefined): (name: string) => void {
  if (server === undefined) return () => undefined;
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server]);
  return (name) => void resolver.resolve4(name).catch(() => undefined);
}
