/** Policy export: flagged endpoints as an API Gateway resource-policy Deny. */
import type { EndpointRef } from './export-waf.ts';

/** An IAM policy document as API Gateway REST APIs take it for their resource policy. */
export interface ResourcePolicy {
  Version: '2012-10-17';
  Statement: {
    Sid: string;
    Effect: 'Allow' | 'Deny';
    Principal: '*';
    Action: 'execute-api:Invoke';
    Resource: string[];
  }[];
}

export interface ApiGatewayPolicyOptions {
  /** Stage name, or `*` for every stage. */
  readonly stage?: string;
  /** Add the Allow-all statement that a policy made only of Deny statements would otherwise lack. */
  readonly includeAllow?: boolean;
}

/** API Gateway rejects resource policies over 8 KiB (8,192 characters). */
export const RESOURCE_POLICY_LIMIT = 8192;

/**
 * Denies the given endpoints through a REST API resource policy (HTTP APIs have none). Path
 * parameters become `*`, which in execute-api ARNs also spans `/`, so `/users/{id}` denies
 * `/users/1/orders` too: review before applying.
 * @example apiGatewayDenyPolicy([{ host, method: 'POST', path: '/billing/{id}' }], { stage: 'prod' })
 */
export function apiGatewayDenyPolicy(
  endpoints: readonly EndpointRef[],
  options: ApiGatewayPolicyOptions = {},
): ResourcePolicy {
  const stage = options.stage ?? '*';
  const resources = [...new Set(endpoints.map((e) => resourceFor(stage, e.method, e.path)))].sort();
  if (resources.length === 0) throw new ApiGatewayPolicyError('nothing to deny: no endpoint given');
  const policy: ResourcePolicy = {
    Version: '2012-10-17',
    Statement: [
      ...(options.includeAllow === false
        ? []
        : [
            {
              Sid: 'AllowInvoke',
              Effect: 'Allow' as const,
              Principal: '*' as const,
              Action: 'execute-api:Invoke' as const,
              Resource: ['execute-api:/*'],
            },
          ]),
      {
        Sid: 'SurveyorDeny',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: resources,
      },
    ],
  };
  const size = JSON.stringify(policy).length;
  if (size > RESOURCE_POLICY_LIMIT) {
    throw new ApiGatewayPolicyError(
      `policy is ${size} characters, over the ${RESOURCE_POLICY_LIMIT} API Gateway allows`,
    );
  }
  return policy;
}

/** `resourceFor('prod', 'post', '/users/{id}')` -> `execute-api:/prod/POST/users/*`. */
export function resourceFor(stage: string, method: string, path: string): string {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/\{[^{}]*\}/.test(s) ? '*' : s));
  return `execute-api:/${stage}/${method.toUpperCase()}/${segments.join('/')}`;
}

export class ApiGatewayPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiGatewayPolicyError';
  }
}
