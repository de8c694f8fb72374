/**
 * API Gateway access logs: the JSON formats built from `$context` variables (REST and HTTP APIs;
 * docs/LOG-FORMATS.md lists the format the forwarder template configures, and common alternative
 * key names are accepted) and the CLF format API Gateway documents.
 */
import type { ApiCall, AuthScheme } from '#events/api-call.schema';
import { inferAuthScheme } from './auth-scheme.ts';
import { hasCredentialKey } from '#shared/url/credential-keys';
import { clfTime, parseClfLine } from './apigw-clf.ts';
import { fail, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';
import { hostWithoutPort, splitRequestTarget } from '#shared/url/url-parts';

const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const GREEDY = /\{[^}]+\+\}/;

/** Parses one API Gateway access-log line, JSON or CLF. */
export function parseApiGatewayLine(line: string, options?: ParseOptions): ParseOutcome {
  const text = line.trim();
  if (text.charCodeAt(0) !== 123 /* { */) return parseClfLine(text, options);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return fail('line starts like JSON but is not valid JSON');
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return fail('JSON line is not an object');
  return fromJson(record as Record<string, unknown>, options);
}

function fromJson(r: Record<string, unknown>, options?: ParseOptions): ParseOutcome {
  const get = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const v = r[key];
      if (v === undefined || v === null || v === '-' || v === '') continue;
      return typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : undefined;
    }
    return undefined;
  };
  const routeKey = get('routeKey');
  const method = (get('httpMethod', 'method') ?? routeKey?.split(' ')[0])?.toUpperCase();
  if (method === undefined || !METHOD.test(method)) return fail('no valid httpMethod');
  const rawPath = get('path', 'requestPath', 'resourcePath') ?? routeKey?.split(' ')[1];
  if (rawPath === undefined) return fail('no path');
  const classify = options?.classify !== false;
  const url = splitRequestTarget(
    rawPath.startsWith('/') || rawPath.includes('://') ? rawPath : `/${rawPath}`,
    classify,
  );
  if (url === undefined) return fail('path is not a path');
  const status = Number(get('status', 'statusCode') ?? 'NaN');
  if (!Number.isInteger(status) || status < 0 || status > 999) return fail('status is not a number');
  const time = timeOf(get('requestTimeEpoch', 'requestTimeEpochMs'), get('requestTime'));
  if (time === undefined) return fail('no valid requestTime or requestTimeEpoch');

  const apiId = get('apiId');
  const domain = get('domainName', 'host');
  const host =
    // `@` or `:443` leave no host: fall through as if the field were absent.
    (domain === undefined ? undefined : hostWithoutPort(domain) || undefined) ??
    options?.defaultHost ??
    (apiId ? `${apiId}.execute-api` : 'unknown');
  const call: ApiCall = {
    source: routeKey !== undefined ? 'apigw-http' : 'apigw-rest',
    time,
    host,
    method,
    path: url.path,
    status,
  };
  if (url.queryKeys !== undefined) call.queryKeys = url.queryKeys;
  if (url.sensitive !== undefined) call.sensitive = url.sensitive;
  const declared = routeKey !== undefined ? routeKey.split(' ')[1] : get('resourcePath');
  if (
    declared !== undefined &&
    routeKey !== '$default' &&
    !GREEDY.test(declared) &&
    declared.startsWith('/')
  ) {
    call.declaredTemplate = declared;
  }
  setNumber(call, 'latencyMs', get('responseLatency', 'latency'));
  setNumber(call, 'backendLatencyMs', get('integrationLatency'));
  setInteger(call, 'bytesOut', get('responseLength'));
  setInteger(call, 'targetStatus', get('integrationStatus'));
  setString(call, 'clientIp', get('ip', 'sourceIp', 'identity.sourceIp'), 64);
  setString(call, 'userAgent', get('userAgent', 'identity.userAgent'), 1024);
  setString(call, 'protocol', get('protocol'), 32);
  setString(call, 'requestId', get('requestId'), 256);
  setString(call, 'traceId', get('xrayTraceId'), 256);
  setString(call, 'stage', get('stage'), 128);
  setString(call, 'errorReason', get('errorResponseType', 'errorMessage'), 256);
  if (apiId !== undefined) call.apiId = apiId.slice(0, 256);
  const auth = authScheme(get, (key) => key in r, url.queryKeys);
  if (auth !== undefined) call.authScheme = auth;
  // Presigned URLs and error types (INVALID_API_KEY...) name the scheme a route requires.
  const refined = classify ? inferAuthScheme(call, url.queryKeys) : 'unknown';
  if (refined !== 'unknown') call.authScheme = refined;
  return { ok: true, call };
}

type Getter = (...keys: string[]) => string | undefined;

/** The strongest authentication the fields show; `none` only when our own format shows nothing. */
function authScheme(
  get: Getter,
  has: (key: string) => boolean,
  queryKeys: string[] | undefined,
): AuthScheme | undefined {
  if (get('clientCertSubjectDN', 'identity.clientCert.subjectDN') !== undefined) return 'mtls';
  // Cognito identity-pool calls are SigV4-signed too (userArn set): the pool is the better answer.
  if (get('cognitoAuthenticationType', 'identity.cognitoAuthenticationType') !== undefined) return 'cognito';
  if (get('userArn', 'identity.userArn') !== undefined) return 'iam-sigv4';
  if (
    get('authorizerClaimsSub', 'authorizer.claims.sub', 'jwtSub', 'authorizer.jwt.claims.sub') !== undefined
  ) {
    return 'jwt';
  }
  if (get('authorizerPrincipalId', 'authorizer.principalId') !== undefined) return 'lambda-authorizer';
  if (get('apiKeyId', 'identity.apiKeyId') !== undefined) return 'api-key';
  if (queryKeys !== undefined && hasCredentialKey(queryKeys)) return 'credential-in-query';
  // Our format always carries these keys: present but empty means the call was unauthenticated.
  return has('apiKeyId') && has('authorizerPrincipalId') ? 'none' : undefined;
}

function timeOf(epoch: string | undefined, requestTime: string | undefined): string | undefined {
  if (epoch !== undefined) {
    const n = Number(epoch);
    if (Number.isFinite(n) && n > 0) return new Date(n < 1e12 ? n * 1000 : n).toISOString();
  }
  if (requestTime === undefined) return undefined;
  const clf = clfTime(requestTime);
  if (clf !== undefined) return clf;
  const ms = Date.parse(requestTime);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function setNumber(call: ApiCall, key: 'latencyMs' | 'backendLatencyMs', text: string | undefined): void {
  const n = Number(text);
  if (text !== undefined && Number.isFinite(n) && n >= 0) call[key] = n;
}

function setInteger(call: ApiCall, key: 'bytesOut' | 'targetStatus', text: string | undefined): void {
  const n = Number(text);
  if (text !== undefined && Number.isInteger(n) && n >= 0 && (key !== 'targetStatus' || n <= 999))
    call[key] = n;
}

type StringKey = 'clientIp' | 'userAgent' | 'protocol' | 'requestId' | 'traceId' | 'stage' | 'errorReason';
function setString(call: ApiCall, key: StringKey, text: string | undefined, max: number): void {
  if (text !== undefined) call[key] = text.slice(0, max);
}
