/**
 * Certificate-transparency names from a crt.sh-compatible search (`GET <base>/?q=%.<domain>&output=json`
 * answers `[{ "name_value": "a.example.com\nb.example.com", ... }]`). Discovery treats it as one more
 * source of candidate names: every one is still resolved and vetted before any connection, and a
 * failing source only means fewer candidates (discoverHosts catches it).
 */
import tls from 'node:tls';
import { httpRequest } from '#shared/net/http-request';
import type { LookupAddresses } from '#shared/net/resolve';
import type { CertificateNameSource } from './discover-hosts.ts';
import { SCANNER_USER_AGENT } from './scan-settings.ts';

export interface CertificateTransparencyOptions {
  /** `https://crt.sh`, or a mirror. */
  readonly baseUrl: string;
  readonly allowLoopback?: boolean;
  readonly lookup?: LookupAddresses;
  /** Extra trusted roots (PEM) for a mirror with a private CA. */
  readonly extraCa?: readonly string[];
  readonly timeoutMs?: number;
}

// A busy domain's answer runs to megabytes; beyond these the rest is not worth a scan's time.
const MAX_BODY_BYTES = 16 << 20;
const MAX_NAMES = 10_000;

export function certificateTransparencySource(
  options: CertificateTransparencyOptions,
): CertificateNameSource {
  return async (domain) => {
    const url = new URL(options.baseUrl);
    url.searchParams.set('q', `%.${domain}`);
    url.searchParams.set('output', 'json');
    const response = await httpRequest(url, {
      headers: { accept: 'application/json', 'user-agent': SCANNER_USER_AGENT },
      redirect: 'error',
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBodyBytes: MAX_BODY_BYTES,
      allowLoopback: options.allowLoopback ?? false,
      ...(options.lookup !== undefined && { lookup: options.lookup }),
      ...(options.extraCa !== undefined &&
        options.extraCa.length > 0 && { tls: { ca: [...tlsRoots(), ...options.extraCa] } }),
    });
    if (response.status !== 200) throw new Error(`certificate search answered ${response.status}`);
    if (response.truncated) throw new Error('certificate search answer too large');
    return namesFromEntries(JSON.parse(response.body.toString('utf8')) as unknown);
  };
}

/** The distinct names in a crt.sh answer (entries list several names, newline-separated). */
export function namesFromEntries(entries: unknown): string[] {
  if (!Array.isArray(entries)) throw new Error('certificate search answer is not a list');
  const names = new Set<string>();
  for (const entry of entries) {
    const value = (entry as { name_value?: unknown } | null)?.name_value;
    if (typeof value !== 'string') continue;
    for (const name of value.split('\n')) {
      const clean = name.trim().toLowerCase();
      if (clean !== '' && !clean.includes(' ') && !clean.includes('@')) names.add(clean);
      if (names.size >= MAX_NAMES) return [...names];
    }
  }
  return [...names];
}

function tlsRoots(): string[] {
  return [...tls.rootCertificates];
}
