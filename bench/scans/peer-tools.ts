/**
 * Runs Debian's sslscan and testssl.sh against one TLS host (connecting to its address, SNI and
 * certificate checks for its name) and reduces their output to Surveyor's TLS issue classes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PeerRun {
  /** Issue classes the tool reported, as Surveyor finding types. */
  readonly classes: readonly string[];
  /** Classes this tool can report at all (others are not compared). */
  readonly covers: readonly string[];
  readonly ms: number;
}

export interface PeerTarget {
  readonly host: string;
  readonly address: string;
  readonly port: number;
}

function exec(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 32 << 20 }, (_error, stdout) => resolve(stdout));
  });
}

const DAY = 86_400_000;

export async function runSslscan(t: PeerTarget, now: Date): Promise<PeerRun> {
  const started = performance.now();
  const xml = await exec(
    'sslscan',
    ['--no-colour', '--xml=-', `--sni-name=${t.host}`, `${t.address}:${t.port}`],
    120_000,
  );
  const ms = performance.now() - started;
  const classes = new Set<string>();
  if (/<protocol type="tls" version="1\.[01]" enabled="1"/.test(xml)) classes.add('tls-weak-protocol');
  const pk = /<pk error="false" type="(\w+)" (?:curve_name="[^"]*" )?bits="(\d+)"/.exec(xml);
  if (pk !== null && ((pk[1] === 'RSA' && Number(pk[2]) < 2048) || (pk[1] === 'EC' && Number(pk[2]) < 256)))
    classes.add('tls-weak-key');
  if (/<self-signed>true<\/self-signed>/.test(xml)) classes.add('tls-self-signed');
  const notBefore = Date.parse(/<not-valid-before>([^<]+)</.exec(xml)?.[1] ?? '');
  const notAfter = Date.parse(/<not-valid-after>([^<]+)</.exec(xml)?.[1] ?? '');
  if (/<expired>true<\/expired>/.test(xml)) classes.add('tls-expired');
  else if (notBefore > now.getTime()) classes.add('tls-not-yet-valid');
  else if (notAfter - now.getTime() < 30 * DAY) classes.add('tls-expiring-soon');
  return {
    classes: [...classes].sort(),
    covers: [
      'tls-weak-protocol',
      'tls-weak-key',
      'tls-self-signed',
      'tls-expired',
      'tls-not-yet-valid',
      'tls-expiring-soon',
    ],
    ms,
  };
}

export async function runTestssl(
  t: PeerTarget,
  caFile: string,
): Promise<PeerRun & { raw: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'testssl-'));
  const out = join(dir, 'out.json');
  const started = performance.now();
  await exec(
    'testssl',
    [
      '--quiet',
      '--warnings',
      'off',
      '--color',
      '0',
      '--openssl-timeout',
      '5',
      '--ip',
      t.address,
      '--add-ca',
      caFile,
      '-p',
      '-S',
      '--jsonfile',
      out,
      `https://${t.host}:${t.port}`,
    ],
    600_000,
  );
  const ms = performance.now() - started;
  let entries: { id: string; finding: string }[] = [];
  try {
    entries = JSON.parse(readFileSync(out, 'utf8')) as { id: string; finding: string }[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const raw = Object.fromEntries(entries.map((e) => [e.id, e.finding]));
  const classes = new Set<string>();
  for (const id of ['TLS1', 'TLS1_1']) if (/^offered/.test(raw[id] ?? '')) classes.add('tls-weak-protocol');
  const expiration = raw.cert_expirationStatus ?? '';
  if (/expired/i.test(expiration)) classes.add('tls-expired');
  else if (/not yet valid/i.test(expiration) || /not yet valid/i.test(raw.cert_notBefore ?? ''))
    classes.add('tls-not-yet-valid');
  else if (/expires < 30 days/i.test(expiration)) classes.add('tls-expiring-soon');
  const trust = raw.cert_chain_of_trust ?? '';
  if (/self signed/i.test(trust)) classes.add('tls-self-signed');
  else if (/^failed/i.test(trust) && !/expired|not yet valid/i.test(trust))
    classes.add('tls-untrusted-chain');
  if (/does not match|mismatch/i.test(raw.cert_trust ?? '')) classes.add('tls-hostname-mismatch');
  const key = /(RSA|EC)\s+(\d+)\s+bits/i.exec(raw.cert_keySize ?? '');
  if (
    key !== null &&
    ((key[1]!.toUpperCase() === 'RSA' && Number(key[2]) < 2048) ||
      (key[1]!.toUpperCase() === 'EC' && Number(key[2]) < 256))
  )
    classes.add('tls-weak-key');
  return {
    classes: [...classes].sort(),
    covers: [
      'tls-weak-protocol',
      'tls-expired',
      'tls-not-yet-valid',
      'tls-expiring-soon',
      'tls-self-signed',
      'tls-untrusted-chain',
      'tls-hostname-mismatch',
      'tls-weak-key',
    ],
    ms,
    raw,
  };
}
