/**
 * The one map from errors to HTTP answers: JSON `{ error, message }`, a 4xx with the message a caller
 * can act on, or a 500 that says nothing about internals (the error goes to the server log).
 */
export class UnauthorizedError extends Error {
  constructor() {
    super('Sign in, or send an API token as Authorization: Bearer <token>');
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'Your role can read but not change this') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`No such ${what}`);
    this.name = 'NotFoundError';
  }
}

export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

const STATUS: Record<string, [number, string]> = {
  UnauthorizedError: [401, 'unauthorized'],
  ForbiddenError: [403, 'forbidden'],
  NotFoundError: [404, 'not-found'],
  FindingNotFoundError: [404, 'not-found'],
  BadRequestError: [400, 'invalid-request'],
  InvalidQueryError: [400, 'invalid-request'],
  InvalidCursorError: [400, 'invalid-cursor'],
  FindingTransitionError: [409, 'invalid-transition'],
  SpecValidationError: [400, 'invalid-spec'],
  RulesValidationError: [400, 'invalid-rules'],
  InvalidSpecNameError: [400, 'invalid-request'],
  InvalidIntegrationError: [400, 'invalid-integration'],
  UnsafeDestinationError: [400, 'unsafe-destination'],
  IntegrationNotFoundError: [404, 'not-found'],
  PolicyExportError: [409, 'nothing-to-export'],
  WafExportError: [409, 'nothing-to-export'],
  AlertsNotConfiguredError: [503, 'not-configured'],
  OnboardingNotConfiguredError: [503, 'not-configured'],
  UnknownKeyError: [404, 'not-found'],
};

const ACCOUNT_STATUS: Record<string, number> = {
  'email-taken': 409,
  'invalid-input': 400,
  'invalid-invite': 400,
  'not-found': 404,
  'last-owner': 409,
};

/** Where a document (spec, rules) is wrong: `{ message, pointer?, line? }`, for the editor to point at. */
export interface DocumentProblem {
  readonly message: string;
  readonly pointer?: string;
  readonly line?: number;
}

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly problems?: readonly DocumentProblem[];
}

export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  const name = (error as Error)?.name ?? '';
  const known = STATUS[name];
  const problems = (error as { problems?: unknown })?.problems;
  if (known !== undefined)
    return {
      status: known[0],
      body: {
        error: known[1],
        message: (error as Error).message,
        ...(Array.isArray(problems) && { problems: problems as DocumentProblem[] }),
      },
    };
  if (name === 'AccountError') {
    const code = (error as { code: string }).code;
    return { status: ACCOUNT_STATUS[code] ?? 400, body: { error: code, message: (error as Error).message } };
  }
  console.error('portal request failed', error);
  return { status: 500, body: { error: 'internal', message: 'Something went wrong on our side; try again' } };
}

export function errorResponse(error: unknown): Response {
  const { status, body } = errorBody(error);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
