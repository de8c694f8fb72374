/** One GET against a service through shared/net (vetted address, SNI/Host, no redirects followed). */
import { httpRequest, type HttpResponse } from '#shared/net/http-request';
import type { ScanSettings } from '../scan-settings.ts';
import { anyVersionContext, modernContext } from '../tls/scan-contexts.ts';

export interface Service {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly scheme: 'https' | 'http';
  /** The service speaks only TLS 1.0/1.1: requests need the legacy settings. */
  readonly legacyTls?: boolean;
}

export const MAX_PROBE_BODY = 256 * 1024;

export function serviceUrl(service: Service, path: string): string {
  const host = service.host.includes(':') ? `[${service.host}]` : service.host;
  return `${service.scheme}://${host}:${service.port}${path}`;
}

export async function fetchPath(
  service: Service,
  path: string,
  settings: ScanSettings,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  await settings.rate?.take();
  return httpRequest(serviceUrl(service, path), {
    address: service.address,
    allowLoopback: settings.allowLoopback,
    headers: { 'user-agent': settings.userAgent, accept: '*/*', ...headers },
    timeoutMs: settings.requestTimeoutMs,
    connectTimeoutMs: settings.connectTimeoutMs,
    maxBodyBytes: MAX_PROBE_BODY,
    redirect: 'manual',
    ...(settings.agent !== undefined && { agent: settings.agent }),
    // Content is judged even behind a bad certificate; the TLS checks report the certificate.
    tls: {
      rejectUnauthorized: false,
      secureContext: service.legacyTls === true ? anyVersionContext() : modernContext(),
    },
  });
}

/** Body as text for matching (binary bodies are matched by magic bytes separately). */
export function bodyText(response: HttpResponse): string {
  return response.body.toString('latin1');
}

export function contentType(response: HttpResponse): string {
  return String(response.headers['content-type'] ?? '').toLowerCase();
}
