/**
 * Authentication of a call, refined from what the parsers set: query credentials, presigned SigV4
 * URLs, ALB `authenticate` actions and API Gateway error types that reveal the required scheme.
 * Also the weak-authentication reasons findings report.
 */
import type { ApiCall, AuthScheme } from '#events/api-call.schema';
import { CREDENTIAL_QUERY_KEYS } from '#shared/url/credential-keys';
import { isSecretKey } from '#shared/url/sensitive-patterns';

export const WEAK_AUTH_REASONS = [
  'basic-auth',
  'credential-in-query',
  'tls-below-1.2',
  'auth-over-plaintext',
] as const;
export type WeakAuthReason = (typeof WEAK_AUTH_REASONS)[number];

// Schemes the parsers read from identity/authorizer fields: direct evidence, never overridden.
const DIRECT_EVIDENCE: ReadonlySet<AuthScheme> = new Set([
  'mtls',
  'iam-sigv4',
  'cognito',
  'jwt',
  'lambda-authorizer',
  'api-key',
  'basic',
]);

// API Gateway `$context.error.responseType` values that name the scheme the route requires.
const ERROR_SCHEMES: Readonly<Record<string, AuthScheme>> = {
  INVALID_API_KEY: 'api-key',
  API_CONFIGURATION_ERROR: 'unknown',
  AUTHORIZER_FAILURE: 'lambda-authorizer',
  AUTHORIZER_CONFIGURATION_ERROR: 'lambda-authorizer',
  EXPIRED_TOKEN: 'iam-sigv4',
  INVALID_SIGNATURE: 'iam-sigv4',
};

const SIGV4_QUERY = ['x-amz-signature', 'x-amz-credential'];
const OLD_TLS = new Set(['sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1', 'tls1', 'tls1.0', 'tls1.1']);

/**
 * The scheme a call used: `inferAuthScheme({ ...call, actions: ['authenticate', 'forward'] })` ->
 * `oidc`; a presigned S3-style URL (`X-Amz-Signature`) -> `iam-sigv4`; `?api_key=` -> `credential-in-query`.
 * `queryKeys` defaults to the call's own (names only).
 */
export function inferAuthScheme(
  call: ApiCall,
  queryKeys: readonly string[] = call.queryKeys ?? [],
): AuthScheme {
  const parsed = call.authScheme;
  if (parsed !== undefined && DIRECT_EVIDENCE.has(parsed)) return parsed;
  // ALB error_reason `Auth*` (AuthInvalidCookie, AuthTokenEpRequestFailed...) comes from its OIDC action.
  if (
    call.actions?.includes('authenticate') ||
    (call.source === 'alb' && call.errorReason?.startsWith('Auth'))
  )
    return 'oidc';
  const lower = queryKeys.map((k) => k.toLowerCase());
  if (SIGV4_QUERY.every((k) => lower.includes(k))) return 'iam-sigv4';
  if (hasQueryCredential(lower)) return 'credential-in-query';
  if (parsed === 'oidc' || parsed === 'credential-in-query') return parsed;
  const fromError =
    call.errorReason === undefined ? undefined : ERROR_SCHEMES[call.errorReason.toUpperCase()];
  if (fromError !== undefined) return fromError;
  return parsed ?? 'unknown';
}

/**
 * Why a call's authentication is weak, e.g. `['credential-in-query', 'tls-below-1.2']`; empty when
 * nothing is. TLS is judged from the load balancer's negotiated protocol (`TLSv1`, `TLSv1.1`).
 */
export function weakAuth(call: ApiCall, queryKeys?: readonly string[]): WeakAuthReason[] {
  const scheme = inferAuthScheme(call, queryKeys);
  const reasons: WeakAuthReason[] = [];
  if (scheme === 'basic') reasons.push('basic-auth');
  if (scheme === 'credential-in-query') reasons.push('credential-in-query');
  if (call.tlsProtocol !== undefined && OLD_TLS.has(call.tlsProtocol.toLowerCase()))
    reasons.push('tls-below-1.2');
  const plaintext = call.transport === 'http' || call.transport === 'ws';
  if (plaintext && scheme !== 'none' && scheme !== 'unknown') reasons.push('auth-over-plaintext');
  return reasons;
}

function hasQueryCredential(lowerKeys: readonly string[]): boolean {
  for (const key of lowerKeys) {
    // A presigned URL carries its SigV4 parts in the query by design; that is not a leaked secret.
    if (key.startsWith('x-amz-') && key !== 'x-amz-security-token') continue;
    if (CREDENTIAL_QUERY_KEYS.has(key) || isSecretKey(key)) return true;
  }
  return false;
}
