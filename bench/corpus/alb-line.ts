/**
 * Renders a call as a real-format ALB access-log line (field order of the AWS docs, see
 * docs RESEARCH notes), with plausible clients, TLS, statuses and latencies. Kept allocation-light:
 * the throughput benchmark renders hundreds of thousands of lines.
 */
import type { Call } from './openapi-traffic.ts';
import { forkRng, intBetween, pick, type Rng } from './random.ts';

/** Eight hex digits per draw: the trace and connection ids are most of the per-line cost. */
function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += ((rng() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return out.length === length ? out : out.slice(0, length);
}

let lastSecond = Number.NaN;
let lastPrefix = '';

/** `2024-05-01T10:00:00.123` for a time in ms; consecutive lines mostly share the second. */
function isoMillis(timeMs: number): string {
  const second = Math.floor(timeMs / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return lastPrefix + String(Math.floor(timeMs) - second * 1000).padStart(3, '0');
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
  'curl/8.5.0',
  'Go-http-client/2.0',
  'axios/1.6.8',
  'Java/17.0.10',
  'PostmanRuntime/7.37.0',
  'aws-sdk-js/3.552.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#20.12.1',
  'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/AP1A.240405.002)',
];

/** [elb status, target status] with rough production weights: mostly 2xx, a tail of 4xx/5xx. */
const STATUSES: readonly (readonly [number, number | undefined])[] = [
  ...Array<readonly [number, number]>(60).fill([200, 200]),
  ...Array<readonly [number, number]>(8).fill([201, 201]),
  ...Array<readonly [number, number]>(6).fill([204, 204]),
  ...Array<readonly [number, number]>(5).fill([304, 304]),
  ...Array<readonly [number, number]>(6).fill([404, 404]),
  [400, 400],
  [400, 400],
  [401, 401],
  [401, 401],
  [403, 403],
  [409, 409],
  [422, 422],
  [429, 429],
  [500, 500],
  [502, undefined],
  [503, undefined],
  [504, undefined],
];

const TLS = [
  ['ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2'],
  ['ECDHE-RSA-AES256-GCM-SHA384', 'TLSv1.2'],
  ['TLS_AES_128_GCM_SHA256', 'TLSv1.3'],
  ['TLS_AES_256_GCM_SHA384', 'TLSv1.3'],
] as const;

/** A fixed population of clients so the same IPs recur, as real traffic does. */
const CLIENT_IPS: readonly string[] = (() => {
  const rng = forkRng(7, 'clients');
  const out: string[] = [];
  for (let i = 0; i < 4096; i++) {
    const first = pick(rng, [3, 13, 18, 23, 31, 34, 45, 52, 66, 73, 81, 91, 104, 146, 172, 185, 203, 212]);
    out.push(`${first}.${intBetween(rng, 0, 255)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`);
  }
  return out;
})();

interface HostBits {
  readonly elb: string;
  readonly targetGroup: string;
  readonly cert: string;
  readonly targets: readonly string[];
}

const HOSTS = new Map<string, HostBits>();

function hostBits(host: string): HostBits {
  let bits = HOSTS.get(host);
  if (bits === undefined) {
    const rng = forkRng(11, host);
    const name = host
      .replace(/[^a-z0-9]+/gi, '-')
      .slice(0, 24)
      .replace(/-$/, '');
    const account = String(intBetween(rng, 100_000_000_000, 999_999_999_999));
    const targets: string[] = [];
    for (let i = 0; i < 4; i++)
      targets.push(
        `10.0.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}:${pick(rng, [80, 8080, 3000])}`,
      );
    bits = {
      elb: `app/${name}/${hex(rng, 16)}`,
      targetGroup: `arn:aws:elasticloadbalancing:us-east-1:${account}:targetgroup/${name}-tg/${hex(rng, 16)}`,
      cert: `arn:aws:acm:us-east-1:${account}:certificate/${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
      targets,
    };
    HOSTS.set(host, bits);
  }
  return bits;
}

function seconds(value: number): string {
  return value.toFixed(3);
}

/** `toAlbLine(call, Date.parse('2024-05-01T10:00:00Z'), rng)` -> `https 2024-05-01T10:00:00.000123Z app/...`. */
export function toAlbLine(call: Call, timeMs: number, rng: Rng): string {
  const bits = hostBits(call.host);
  const [elbStatus, targetStatus] = STATUSES[(rng() * STATUSES.length) | 0]!;
  const reached = targetStatus !== undefined;
  const https = rng() < 0.95;
  const requestTime = rng() < 0.9 ? 0 : 0.001;
  const targetTime = reached ? Math.min(29, -Math.log(1 - rng()) * 0.06) : -1;
  const responseTime = reached ? 0 : -1;
  const target = reached ? bits.targets[(rng() * bits.targets.length) | 0]! : '-';
  const total = requestTime + Math.max(0, targetTime) + Math.max(0, responseTime);
  const stamp = isoMillis(timeMs) + String((rng() * 1000) | 0).padStart(3, '0') + 'Z';
  const created = isoMillis(timeMs - total * 1000) + '000Z';
  const [cipher, protocol] = https ? TLS[(rng() * TLS.length) | 0]! : ['-', '-'];
  const httpVersion = https && rng() < 0.4 ? 'HTTP/2.0' : 'HTTP/1.1';
  const url = `${https ? 'https' : 'http'}://${call.host}:${https ? 443 : 80}${call.path}`;
  const received = 180 + ((rng() * 900) | 0) + (call.method === 'GET' ? 0 : (rng() * 4000) | 0);
  const sent = elbStatus === 204 || elbStatus === 304 ? 150 : 300 + ((rng() * 20_000) | 0);
  const client = `${CLIENT_IPS[(rng() * rng() * CLIENT_IPS.length) | 0]}:${1024 + ((rng() * 64_000) | 0)}`;
  const trace = `Root=1-${Math.floor(timeMs / 1000).toString(16)}-${hex(rng, 24)}`;
  return (
    `${https ? (httpVersion === 'HTTP/2.0' ? 'h2' : 'https') : 'http'} ${stamp} ${bits.elb} ${client} ${target} ` +
    `${seconds(requestTime)} ${reached ? seconds(targetTime) : '-1'} ${reached ? seconds(responseTime) : '-1'} ` +
    `${elbStatus} ${reached ? targetStatus : '-'} ${received} ${sent} "${call.method} ${url} ${httpVersion}" ` +
    `"${USER_AGENTS[(rng() * rng() * USER_AGENTS.length) | 0]}" ${cipher} ${protocol} ${bits.targetGroup} "${trace}" ` +
    `"${call.host}" "${https ? bits.cert : '-'}" ${rng() < 0.8 ? 0 : 1 + ((rng() * 50) | 0)} ${created} ` +
    `"${rng() < 0.1 ? 'waf,forward' : 'forward'}" "-" "-" "${target}" ` +
    `"${reached ? targetStatus : '-'}" "-" "-" TID_${hex(rng, 32)}`
  );
}
