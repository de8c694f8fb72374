/** Query parameter names that carry credentials: seeing one means `credential-in-query` auth. */
export const CREDENTIAL_QUERY_KEYS: ReadonlySet<string> = new Set([
  'api_key',
  'apikey',
  'api-key',
  'access_token',
  'token',
  'key',
  'x-amz-credential',
  'x-amz-signature',
  'x-amz-security-token',
  'sig',
  'signature',
  'password',
  'client_secret',
  'auth',
  'jwt',
]);

/** True when one of `queryKeys` carries a credential, case-insensitively. */
export function hasCredentialKey(queryKeys: readonly string[]): boolean {
  for (const key of queryKeys) if (CREDENTIAL_QUERY_KEYS.has(key.toLowerCase())) return true;
  return false;
}
