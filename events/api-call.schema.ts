/**
 * One normalized API call: the unit every parser produces, forwarders ship and the consumer counts.
 * The schema is the contract between them; the TypeScript type derives from it.
 */
import type { FromSchema } from 'json-schema-to-ts';

/** Authentication schemes Surveyor can tell apart from what access logs carry (no token is ever kept). */
export const AUTH_SCHEMES = [
  'none',
  'api-key',
  'jwt',
  'cognito',
  'lambda-authorizer',
  'iam-sigv4',
  'mtls',
  'oidc',
  'basic',
  'credential-in-query',
  'unknown',
] as const;

/**
 * Where a call was logged: ALB access log, API Gateway REST/HTTP JSON access log or CLF access log,
 * nginx, Apache or Envoy access log, or JSON lines with configurable field names.
 */
export const CALL_SOURCES = [
  'alb',
  'apigw-rest',
  'apigw-http',
  'apigw-clf',
  'nginx',
  'apache',
  'envoy',
  'json',
] as const;

/**
 * One API call, normalized from any log source. This is what forwarders ship to Kinesis and what the
 * inventory core consumes. Only names of query parameters are kept, never their values.
 */
export const apiCallSchema = {
  $id: 'https://surveyor.dev/schemas/api-call.json',
  type: 'object',
  additionalProperties: false,
  required: ['source', 'time', 'host', 'method', 'path', 'status'],
  properties: {
    /** Set by the pipeline from the sender's authenticated credential, never by the parser. */
    tenant: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    source: { type: 'string', enum: CALL_SOURCES },
    /** UTC, millisecond precision: `2024-05-01T12:00:00.123Z`. */
    time: { type: 'string', format: 'date-time' },
    /** Lower-case host name without port, e.g. `api.example.com`. */
    host: { type: 'string', minLength: 1, maxLength: 255 },
    method: { type: 'string', pattern: '^[A-Z][A-Z0-9_-]{0,19}$' },
    /** The request path as logged (still percent-encoded), without the query string. */
    path: { type: 'string', minLength: 1, maxLength: 8192 },
    queryKeys: { type: 'array', items: { type: 'string', maxLength: 256 }, maxItems: 100 },
    /** Template the gateway itself declared (API Gateway resourcePath or routeKey path), if any. */
    declaredTemplate: { type: 'string', maxLength: 2048 },
    /** Response status sent to the client; 0 when the log has none (e.g. the client closed early). */
    status: { type: 'integer', minimum: 0, maximum: 999 },
    targetStatus: { type: 'integer', minimum: 0, maximum: 999 },
    /** Total time the load balancer or gateway spent on the request, in milliseconds. */
    latencyMs: { type: 'number', minimum: 0 },
    /** Time the backend (ALB target or API Gateway integration) took, in milliseconds. */
    backendLatencyMs: { type: 'number', minimum: 0 },
    bytesIn: { type: 'integer', minimum: 0 },
    bytesOut: { type: 'integer', minimum: 0 },
    clientIp: { type: 'string', maxLength: 64 },
    userAgent: { type: 'string', maxLength: 1024 },
    /** HTTP protocol version, e.g. `HTTP/1.1`. */
    protocol: { type: 'string', maxLength: 32 },
    tlsProtocol: { type: 'string', maxLength: 32 },
    tlsCipher: { type: 'string', maxLength: 128 },
    authScheme: { type: 'string', enum: AUTH_SCHEMES },
    traceId: { type: 'string', maxLength: 256 },
    requestId: { type: 'string', maxLength: 256 },
    /** API Gateway API id and stage, or the ALB name (`app/my-lb/50dc6c495c0c9188`). */
    apiId: { type: 'string', maxLength: 256 },
    stage: { type: 'string', maxLength: 128 },
    /** ALB request type: http, https, h2, grpcs, ws, wss. */
    transport: { type: 'string', maxLength: 16 },
    /** ALB actions_executed, e.g. ["authenticate", "forward"]. */
    actions: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 20 },
    errorReason: { type: 'string', maxLength: 256 },
    /** Types of sensitive data seen in the path or query (`email`, `card`, `jwt`...); never the values. */
    sensitive: { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 20 },
  },
} as const;

export type ApiCall = FromSchema<typeof apiCallSchema>;
export type AuthScheme = (typeof AUTH_SCHEMES)[number];
export type CallSource = (typeof CALL_SOURCES)[number];
