/** Does a service answer like an API? JSON or problem+json bodies, API gateway headers. */
import type { HttpResponse } from '#shared/net/http-request';

const GATEWAY_HEADERS = [
  'x-amzn-requestid',
  'x-amz-apigw-id',
  'x-kong-proxy-latency',
  'x-envoy-upstream-service-time',
  'apigw-requestid',
];

/** The signs seen, empty when none: `['json']`, `['problem+json', 'x-amzn-requestid']`. */
export function apiSigns(response: HttpResponse): string[] {
  const signs: string[] = [];
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/problem+json')) signs.push('problem+json');
  else if (/application\/(?:[a-z.+-]*\+)?json/.test(type)) signs.push('json');
  for (const header of GATEWAY_HEADERS) if (response.headers[header] !== undefined) signs.push(header);
  return signs;
}
