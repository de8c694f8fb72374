/**
 * The intake's errors and the one map from error to HTTP response. Messages of 4xx errors are
 * written for the sender; anything else is a 500 that says nothing about internals.
 */

export class IntakeError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 413 | 429,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}

export class UnauthorizedError extends IntakeError {
  constructor() {
    // One answer for a missing, malformed, unknown or revoked key: no oracle for key ids.
    super(401, 'missing or invalid ingest key (Authorization: Bearer <key>)', {
      'WWW-Authenticate': 'Bearer realm="surveyor-intake"',
    });
    this.name = 'UnauthorizedError';
  }
}

export class PayloadTooLargeError extends IntakeError {
  constructor(what: string, limit: number) {
    super(413, `${what} is over ${limit} bytes; send smaller batches`);
    this.name = 'PayloadTooLargeError';
  }
}

export class RateLimitedError extends IntakeError {
  constructor(retryAfterSeconds: number) {
    super(429, "this tenant's intake rate is exhausted for the current minute; retry later", {
      'Retry-After': String(retryAfterSeconds),
    });
    this.name = 'RateLimitedError';
  }
}

export class BadIntakeRequestError extends IntakeError {
  constructor(message: string) {
    super(400, message);
    this.name = 'BadIntakeRequestError';
  }
}

export interface IntakeResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** `respond(202, { lines: 10 })` */
export function respond(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): IntakeResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** The response for any error the intake throws; unknown errors become a bare 500. */
export function errorResponse(error: unknown): IntakeResponse {
  if (error instanceof IntakeError)
    return respond(error.statusCode, { message: error.message }, error.headers);
  return respond(500, { message: 'internal error; retry later' });
}
