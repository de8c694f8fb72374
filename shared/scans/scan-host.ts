/**
 * Every check on one host: per port, TLS or plain HTTP (the scanner finds out), the certificate and
 * protocol checks, the content checks, Log4Shell when opted in; once per host, the environment.
 * A port that fails is skipped; the host result says what was found on the others.
 */
import type {
  HostResult,
  HostTarget,
  ServiceResult,
  ExternalFinding,
  DocumentedOperation,
} from './scan-types.ts';
import { externalFinding } from './external-finding.ts';
import type { ScanSettings } from './scan-settings.ts';
import { VettedAgent } from '#shared/net/vetted-agent';
import { both, PER_HOST_RATE, rateLimiter } from './rate-limit.ts';
import { checkContent, PROBE_CONCURRENCY } from './http/check-content.ts';
import { checkLog4Shell } from './http/log4shell.ts';
import { certificateFacts } from './tls/certificate-facts.ts';
import { handshake, legacyProtocol } from './tls/probe-tls.ts';
import { tlsVerdicts } from './tls/tls-verdicts.ts';
import { trustAnchors } from './tls/trust-store.ts';

interface PortResult {
  readonly service?: ServiceResult;
  readonly findings: readonly ExternalFinding[];
  readonly operations: readonly DocumentedOperation[];
}

export async function scanHost(target: HostTarget, base: ScanSettings): Promise<HostResult> {
  // One keep-alive pool per host: its thirty-odd probes share a few vetted connections per port.
  const agent = new VettedAgent({
    allowLoopback: base.allowLoopback,
    connectTimeoutMs: base.connectTimeoutMs,
    maxSocketsPerService: PROBE_CONCURRENCY,
  });
  const perHost = rateLimiter(PER_HOST_RATE, PROBE_CONCURRENCY);
  const rate = base.globalRate === undefined ? perHost : both(perHost, base.globalRate);
  const settings = { ...base, agent, rate };
  let ports: PortResult[];
  try {
    ports = await Promise.all(target.ports.map((port) => scanPort(target, port, settings)));
  } finally {
    agent.destroy();
  }
  const services = ports.flatMap((p) => (p.service === undefined ? [] : [p.service]));
  const findings = ports.flatMap((p) => p.findings);
  const environment = settings.environment(target.host);
  if (environment !== 'production' && services.length > 0) {
    findings.push(externalFinding('non-production-host', target.host, services[0]!.port, { environment }));
  }
  return {
    host: target.host,
    address: target.address,
    environment,
    services,
    findings,
    operations: ports.flatMap((p) => p.operations),
  };
}

async function scanPort(target: HostTarget, port: number, settings: ScanSettings): Promise<PortResult> {
  const endpoint = { host: target.host, address: target.address, port };
  const tls = await handshake(endpoint, settings).catch(() => undefined);
  const scheme = tls === undefined ? 'http' : 'https';
  const service = { ...endpoint, scheme, legacyTls: tls?.legacyOnly === true } as const;
  const content = await checkContent(service, settings);
  if (tls === undefined && !content.answered) return { findings: [], operations: [] };
  const findings: ExternalFinding[] = [...content.findings];
  if (tls !== undefined) {
    const facts = certificateFacts(target.host, tls.chain, trustAnchors(settings.extraCa));
    findings.push(...tlsVerdicts(target.host, port, facts, settings.now()));
    const legacy = await legacyProtocol(endpoint, settings);
    if (legacy !== undefined)
      findings.push(externalFinding('tls-weak-protocol', target.host, port, { protocol: legacy }));
  } else if (content.api && !content.redirectsToHttps) {
    findings.push(externalFinding('plaintext-http-api', target.host, port, { scheme: 'http' }));
  }
  if (settings.log4shell !== undefined && content.answered) {
    const hit = await checkLog4Shell(service, settings.log4shell, settings);
    if (hit !== undefined) findings.push(hit);
  }
  return {
    service: {
      port,
      scheme,
      api: content.api,
      ...(tls !== undefined && { tlsProtocol: tls.protocol }),
      ...(content.server !== undefined && { server: content.server }),
    },
    findings,
    operations: content.operations,
  };
}
