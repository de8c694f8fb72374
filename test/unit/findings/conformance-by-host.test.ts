import { describe, expect, it } from '@jest/globals';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { conformanceByHost } from '#shared/findings/conformance-by-host';
import type { SpecModel } from '#shared/openapi/spec-model';

function endpoint(host: string, method: string, path: string): EndpointSummary {
  return {
    host,
    method,
    path,
    calls: 3,
    firstSeen: '2026-12-01T00:00:00.000Z',
    lastSeen: '2026-12-01T01:00:00.000Z',
    status: { '1xx': 0, '2xx': 3, '3xx': 0, '4xx': 0, '5xx': 0, other: 0 },
    clients: 1,
    auth: {},
    samples: [path],
    classification: {
      auth: [],
      exposure: 'external',
      environment: 'production',
      sensitive: [],
      countries: [],
      asns: [],
    },
  } as EndpointSummary;
}

const SHOP: SpecModel = {
  title: 'Shop',
  version: '1',
  openapi: '3.0',
  hosts: ['api.shop.example'],
  basePaths: [''],
  operations: [
    { method: 'GET', path: '/orders', deprecated: false, statuses: ['200'] },
    { method: 'GET', path: '/legacy', deprecated: true, statuses: ['200'] },
  ],
};

describe('conformanceByHost', () => {
  it('counts documented, shadow, method-not-in-spec and zombie endpoints per covered host', () => {
    const rows = conformanceByHost(
      [
        endpoint('api.shop.example', 'GET', '/orders'),
        endpoint('api.shop.example', 'POST', '/orders'),
        endpoint('api.shop.example', 'GET', '/admin'),
        endpoint('api.shop.example', 'GET', '/legacy'),
        endpoint('cdn.shop.example', 'GET', '/logo.png'),
      ],
      [SHOP],
    );
    expect(rows).toEqual([
      {
        host: 'api.shop.example',
        covered: true,
        endpoints: 4,
        documented: 1,
        shadow: 1,
        methodNotInSpec: 1,
        zombie: 1,
      },
      {
        host: 'cdn.shop.example',
        covered: false,
        endpoints: 1,
        documented: 0,
        shadow: 0,
        methodNotInSpec: 0,
        zombie: 0,
      },
    ]);
  });

  it('marks every host uncovered when the tenant has no spec', () => {
    const rows = conformanceByHost([endpoint('api.shop.example', 'GET', '/orders')], []);
    expect(rows.map((r) => [r.host, r.covered, r.endpoints])).toEqual([['api.shop.example', false, 1]]);
  });
});
