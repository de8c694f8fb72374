/**
 * The master secret ingest keys are derived from, by version, so it can rotate tenant by tenant: new
 * keys are derived from the current version, and a key keeps verifying with the version it was issued
 * under (its registry entry says which) until it is rotated and revoked. The secret's text is either
 * one secret (version 1, what every deployment started with) or a JSON keyring:
 * `{"current": 2, "versions": {"1": "<old>", "2": "<new>"}}`.
 */
export interface MasterKeyring {
  /** The version new keys are issued under. */
  readonly current: number;
  /** Secret of `version`, or undefined once that version was retired. */
  secret(version: number): string | undefined;
}

/** `masterKeyring('s3cr3t')` is version 1 only; a JSON keyring lists every version still in use. */
export function masterKeyring(text: string): MasterKeyring {
  if (!text.trimStart().startsWith('{')) return { current: 1, secret: (v) => (v === 1 ? text : undefined) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidMasterKeyringError('is not JSON', { cause });
  }
  const { current, versions } = (parsed ?? {}) as { current?: unknown; versions?: unknown };
  if (typeof versions !== 'object' || versions === null)
    throw new InvalidMasterKeyringError('has no versions');
  const secrets = new Map<number, string>();
  for (const [version, secret] of Object.entries(versions)) {
    const n = Number(version);
    if (!Number.isInteger(n) || n < 1 || typeof secret !== 'string' || secret.length < 16)
      throw new InvalidMasterKeyringError(`version ${version} needs a secret of at least 16 characters`);
    secrets.set(n, secret);
  }
  if (typeof current !== 'number' || !secrets.has(current))
    throw new InvalidMasterKeyringError('current must name one of its versions');
  return { current, secret: (v) => secrets.get(v) };
}

/** Raised at cold start, so a malformed secret fails the deployment, not a batch. Never quotes the text. */
export class InvalidMasterKeyringError extends Error {
  constructor(problem: string, options?: ErrorOptions) {
    super(`The ingest master secret ${problem}`, options);
    this.name = 'InvalidMasterKeyringError';
  }
}
