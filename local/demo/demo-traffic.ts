/**
 * Demo traffic for `npm start`, so a newcomer sees an inventory fill at once: realistic ALB access
 * logs (gzip objects in the local ALB log bucket) and API Gateway access logs (CloudWatch Logs
 * subscription deliveries), for a handful of APIs with ids, slugs, shadow and non-production hosts.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

interface Route {
  readonly host: string;
  readonly method: string;
  readonly path: () => string;
  readonly weight: number;
  readonly status?: number;
}

const id = () => String(randomInt(1, 50_000));
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const SLUGS = ['spring-sale', 'new-arrivals', 'gift-cards', 'summer-hats', 'trail-shoes', 'rain-jackets'];

export const ALB_ROUTES: readonly Route[] = [
  { host: 'shop.example.com', method: 'GET', path: () => `/api/v1/products/${id()}`, weight: 30 },
  {
    host: 'shop.example.com',
    method: 'GET',
    path: () => `/api/v1/collections/${pick(SLUGS)}/products`,
    weight: 10,
  },
  { host: 'shop.example.com', method: 'POST', path: () => `/api/v1/carts/${randomUUID()}/items`, weight: 8 },
  { host: 'shop.example.com', method: 'GET', path: () => `/api/v1/users/me`, weight: 6 },
  {
    host: 'shop.example.com',
    method: 'GET',
    path: () => `/api/v1/orders/${id()}?access_token=demo${id()}`,
    weight: 4,
  },
  { host: 'shop.example.com', method: 'GET', path: () => '/health', weight: 5 },
  { host: 'admin.staging.example.com', method: 'DELETE', path: () => `/internal/users/${id()}`, weight: 1 },
  {
    host: 'legacy.example.com',
    method: 'GET',
    path: () => `/v0/export/customers/${id()}.csv`,
    weight: 1,
    status: 200,
  },
];

export const APIGW_ROUTES: readonly Route[] = [
  { host: 'payments.example.com', method: 'GET', path: () => `/v2/payments/${randomUUID()}`, weight: 10 },
  { host: 'payments.example.com', method: 'POST', path: () => '/v2/payments', weight: 6, status: 201 },
  {
    host: 'payments.example.com',
    method: 'POST',
    path: () => `/v2/payments/${randomUUID()}/refunds`,
    weight: 2,
    status: 201,
  },
];

function choose(routes: readonly Route[]): Route {
  const total = routes.reduce((s, r) => s + r.weight, 0);
  let n = randomInt(total);
  for (const r of routes) if ((n -= r.weight) < 0) return r;
  return routes[0]!;
}

const CLIENTS = ['203.0.113.', '198.51.100.', '10.0.4.', '100.64.1.', '185.220.101.', '81.2.69.', '8.8.4.'];
const client = () => `${pick(CLIENTS)}${randomInt(1, 250)}`;

/** A gzip ALB access-log object of `count` lines. */
export function demoAlbLog(count: number, at = Date.now()): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = choose(ALB_ROUTES);
    const time = new Date(at - randomInt(60_000)).toISOString().replace('Z', '000Z');
    const status = r.status ?? pick([200, 200, 200, 200, 201, 304, 404, 500]);
    lines.push(
      `https ${time} app/demo-alb/50dc6c495c0c9188 ${client()}:${randomInt(1024, 65535)} 10.0.0.1:80 0.001 0.0${randomInt(10, 99)} 0.000 ${status} ${status} ${randomInt(100, 900)} ${randomInt(200, 9000)} "${r.method} https://${r.host}:443${r.path()} HTTP/1.1" "Mozilla/5.0 (demo)" ECDHE-RSA-AES128-GCM-SHA256 ${pick(['TLSv1.2', 'TLSv1.3', 'TLSv1.3'])} arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/demo/73e2d6bc24d8a067 "Root=1-${randomInt(1e6)}" "${r.host}" "-" 1 ${time} "forward" "-" "-" "10.0.0.1:80" "${status}" "-" "-"`,
    );
  }
  return gzipSync(lines.join('\n') + '\n');
}

/** API Gateway (HTTP API) JSON access-log lines. */
export function demoApiGatewayLines(count: number, at = Date.now()): string[] {
  return Array.from({ length: count }, () => {
    const r = choose(APIGW_ROUTES);
    const path = r.path();
    return JSON.stringify({
      requestId: randomUUID(),
      ip: client(),
      requestTimeEpoch: at - randomInt(60_000),
      httpMethod: r.method,
      routeKey: '$default',
      path,
      status: r.status ?? pick([200, 200, 200, 400, 403]),
      protocol: 'HTTP/1.1',
      responseLength: randomInt(100, 2000),
      responseLatency: randomInt(5, 300),
      domainName: r.host,
      apiId: 'demo123abc',
      authorizerClaimsSub: pick(['-', `user-${randomInt(100)}`]),
    });
  });
}
