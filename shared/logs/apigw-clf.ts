/**
 * API Gateway's Common Log Format example:
 * `$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]
 * "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength
 * $context.requestId`. It carries no host: the caller passes the API's as `defaultHost`.
 */
import { fail, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';
import { splitRequestTarget } from '#shared/url/url-parts';

const CLF = /^(\S+) (\S+) (\S+) \[([^\]]+)\] ?"(\S+) (\S+) (\S+)" (\d{3}|-) (\d+|-)(?: (\S+))?/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

export function parseClfLine(line: string, options?: ParseOptions): ParseOutcome {
  const m = CLF.exec(line);
  if (m === null) return fail('line is neither JSON nor the API Gateway CLF format');
  const time = clfTime(m[4]!);
  if (time === undefined) return fail('requestTime is not a CLF timestamp');
  const url = splitRequestTarget(m[6]!, options?.classify !== false);
  if (url === undefined) return fail('request path is not a path');
  const method = m[5]!.toUpperCase();
  if (!/^[A-Z][A-Z0-9_-]{0,19}$/.test(method)) return fail('no valid HTTP method');
  const call: ParseOutcome & { ok: true } = {
    ok: true,
    call: {
      source: 'apigw-clf',
      time,
      host: url.host ?? options?.defaultHost ?? 'unknown',
      method,
      path: url.path,
      status: m[8] === '-' ? 0 : Number(m[8]),
      protocol: m[7]!.slice(0, 32),
    },
  };
  if (m[1] !== '-') call.call.clientIp = m[1]!.slice(0, 64);
  if (m[9] !== '-') call.call.bytesOut = Number(m[9]);
  if (m[10] !== undefined && m[10] !== '-') call.call.requestId = m[10].slice(0, 256);
  if (url.queryKeys !== undefined) call.call.queryKeys = url.queryKeys;
  if (url.sensitive !== undefined) call.call.sensitive = url.sensitive;
  return call;
}

/** `02/Jul/2018:22:23:00 +0000` -> ISO-8601 UTC. */
export function clfTime(text: string): string | undefined {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const month = MONTHS.indexOf(m[2]!) / 3;
  if (!Number.isInteger(month)) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  const ms = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offset;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
