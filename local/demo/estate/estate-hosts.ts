/**
 * The demo estate: one host per planted issue, plus clean hosts that must raise nothing. Each entry
 * says what it serves and which findings a scan must report for it (the integration test and the
 * peer comparison read the same list).
 */
export const DEMO_DOMAIN = 'acme-shop.example';

export type TlsCase =
  | 'valid'
  | 'expired'
  | 'not-yet-valid'
  | 'self-signed'
  | 'untrusted'
  | 'mismatch'
  | 'legacy-protocol'
  | 'weak-key'
  | 'expiring';

export type App = 'website' | 'json-api' | 'files' | 'spec' | 'soft-404' | 'soft-404-echo' | 'log4shell';

export interface EstateHost {
  /** Label under the demo domain. */
  readonly label: string;
  /** `false`: plain HTTP. */
  readonly tls: TlsCase | false;
  readonly app: App;
  /** Finding types a scan must report for this host (and no others). */
  readonly expect: readonly string[];
}

const SECRET_FILES = ['/.env', '/.git/config', '/server.key', '/.aws/credentials', '/backup.zip'];

export const ESTATE_HOSTS: readonly EstateHost[] = [
  { label: 'www', tls: 'valid', app: 'website', expect: [] },
  { label: 'devices', tls: 'valid', app: 'website', expect: [] },
  { label: 'api', tls: 'valid', app: 'json-api', expect: ['api-server-detected'] },
  { label: 'expired', tls: 'expired', app: 'website', expect: ['tls-expired'] },
  { label: 'future', tls: 'not-yet-valid', app: 'website', expect: ['tls-not-yet-valid'] },
  { label: 'selfsigned', tls: 'self-signed', app: 'website', expect: ['tls-self-signed'] },
  { label: 'partner', tls: 'untrusted', app: 'website', expect: ['tls-untrusted-chain'] },
  { label: 'mismatch', tls: 'mismatch', app: 'website', expect: ['tls-hostname-mismatch'] },
  { label: 'legacy', tls: 'legacy-protocol', app: 'website', expect: ['tls-weak-protocol'] },
  { label: 'weakkey', tls: 'weak-key', app: 'website', expect: ['tls-weak-key'] },
  { label: 'renewal', tls: 'expiring', app: 'website', expect: ['tls-expiring-soon'] },
  { label: 'orders', tls: false, app: 'json-api', expect: ['plaintext-http-api', 'api-server-detected'] },
  { label: 'assets', tls: 'valid', app: 'files', expect: SECRET_FILES.map(() => 'exposed-secret-file') },
  { label: 'docs', tls: 'valid', app: 'spec', expect: ['exposed-api-spec', 'api-server-detected'] },
  { label: 'catchall', tls: 'valid', app: 'soft-404', expect: [] },
  { label: 'mirror', tls: 'valid', app: 'soft-404-echo', expect: [] },
  { label: 'dev-api', tls: 'valid', app: 'website', expect: ['non-production-host'] },
  { label: 'staging', tls: 'valid', app: 'website', expect: ['non-production-host'] },
  { label: 'search', tls: 'valid', app: 'log4shell', expect: ['log4shell'] },
];

export const PLANTED_SECRET_FILES = SECRET_FILES;

/** `api` -> `api.acme-shop.example`. */
export function estateName(label: string, domain = DEMO_DOMAIN): string {
  return `${label}.${domain}`;
}
