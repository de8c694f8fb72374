/**
 * Files that must never be public, judged by content: PEM private-key headers, `KEY=value` lines,
 * git and cloud config sections, archive magic bytes, SQL dumps; never an HTML page. Evidence names
 * the kind of file and its size, never its content.
 */
import type { HttpResponse } from '#shared/net/http-request';

export type SecretKind =
  'private-key' | 'env-file' | 'git-config' | 'cloud-credentials' | 'backup' | 'package-token';

interface Probe {
  readonly path: string;
  readonly kind: SecretKind;
}

const KEYS = [
  '/server.key',
  '/private.key',
  '/privkey.pem',
  '/key.pem',
  '/id_rsa',
  '/.ssh/id_rsa',
  '/ssl/server.key',
  '/cert/server.key',
];
const ENVS = ['/.env', '/.env.production', '/.env.local', '/api/.env', '/config/.env'];
const BACKUPS = ['/backup.zip', '/backup.tar.gz', '/site.tar.gz', '/backup.sql', '/dump.sql', '/db.sql'];

export const SECRET_FILE_PROBES: readonly Probe[] = [
  ...KEYS.map((path) => ({ path, kind: 'private-key' as const })),
  ...ENVS.map((path) => ({ path, kind: 'env-file' as const })),
  { path: '/.git/config', kind: 'git-config' },
  { path: '/.aws/credentials', kind: 'cloud-credentials' },
  { path: '/.npmrc', kind: 'package-token' },
  ...BACKUPS.map((path) => ({ path, kind: 'backup' as const })),
];

const PEM_PRIVATE = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
const ENV_LINE = /^\s*(?:export\s+)?[A-Z][A-Z0-9_]{1,63}\s*=/gm;
const HTML = /<(?:!doctype|html|head|body)\b/i;

/** The kind of secret the body shows, or undefined when it is not one (or is an HTML page). */
export function secretContent(kind: SecretKind, response: HttpResponse): SecretKind | undefined {
  const bytes = response.body;
  if (bytes.length === 0) return undefined;
  if (kind === 'backup') return isBackup(bytes) ? kind : undefined;
  const text = bytes.toString('latin1');
  if (HTML.test(text.slice(0, 2048))) return undefined;
  switch (kind) {
    case 'private-key':
      return PEM_PRIVATE.test(text) ? kind : undefined;
    case 'env-file':
      return (text.match(ENV_LINE)?.length ?? 0) >= 2 ? kind : undefined;
    case 'git-config':
      return /^\s*\[core\]/m.test(text) && /repositoryformatversion/.test(text) ? kind : undefined;
    case 'cloud-credentials':
      return /^\s*\[[^\]]+\]/m.test(text) && /aws_(?:access_key_id|secret_access_key)\s*=/i.test(text)
        ? kind
        : undefined;
    case 'package-token':
      return /_authToken\s*=/.test(text) ? kind : undefined;
  }
}

function isBackup(bytes: Buffer): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (zip || gzip) return true;
  const text = bytes.subarray(0, 4096).toString('latin1');
  return (
    !HTML.test(text) &&
    /^(?:--|\/\*|CREATE TABLE|INSERT INTO|DROP TABLE)/im.test(text) &&
    /\b(?:CREATE TABLE|INSERT INTO)\b/i.test(text)
  );
}
