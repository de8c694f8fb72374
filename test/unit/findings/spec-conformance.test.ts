import { describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { checkConformance, type ObservedEndpoint } from '#shared/findings/evaluators/spec-conformance';
import { loadSpecFile } from '#shared/openapi/load-spec';
import type { SpecModel } from '#shared/openapi/spec-model';

const specs = join(import.meta.dirname, '../../events/specs');
const HOST = 'api.telco.example';

function endpoint(
  method: string,
  path: string,
  statusCodes: Record<string, number>,
  host = HOST,
): ObservedEndpoint {
  const calls = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    host,
    method,
    path,
    calls,
    firstSeen: '2024-05-01T00:00:00.000Z',
    lastSeen: '2024-05-02T00:00:00.000Z',
    statusCodes,
  };
}

async function telecom(): Promise<SpecModel> {
  return loadSpecFile(join(specs, 'telecom-3.0.yaml'));
}

function typesFor(findings: ReturnType<typeof checkConformance>, path: string, method = 'GET'): string[] {
  return findings.filter((f) => f.path === path && f.method === method).map((f) => f.type);
}

describe('checkConformance', () => {
  it('flags a path the spec does not describe as a shadow endpoint', async () => {
    const findings = checkConformance([endpoint('GET', '/v1/debug/vars', { '200': 12 })], [await telecom()]);

    expect(typesFor(findings, '/v1/debug/vars')).toEqual(['shadow-endpoint']);
    expect(findings.find((f) => f.type === 'shadow-endpoint')).toMatchObject({ occurrences: 12, host: HOST });
  });

  it('flags POST accepted on a path that only documents GET (the telecom case)', async () => {
    const findings = checkConformance(
      [endpoint('POST', '/v1/subscribers/{id}', { '200': 3, '405': 1 })],
      [await telecom()],
    );

    const finding = findings.find((f) => f.type === 'method-not-in-spec');
    expect(finding?.evidence).toMatchObject({ documentedMethods: ['GET'], acceptedStatuses: ['200'] });
  });

  it('does not flag an undocumented method that the server rejected with 404/405', async () => {
    const findings = checkConformance(
      [endpoint('DELETE', '/v1/subscribers/{id}', { '405': 7, '404': 1 })],
      [await telecom()],
    );

    expect(typesFor(findings, '/v1/subscribers/{id}', 'DELETE')).toEqual([]);
  });

  it('flags calls to a deprecated operation as a zombie endpoint', async () => {
    const findings = checkConformance(
      [endpoint('GET', '/v1/subscribers/{id}/sim', { '200': 5 })],
      [await telecom()],
    );

    expect(typesFor(findings, '/v1/subscribers/{id}/sim')).toEqual(['zombie-endpoint']);
  });

  it('flags status codes outside the documented codes and ranges, but not when default is documented', async () => {
    const findings = checkConformance(
      [
        endpoint('GET', '/v1/subscribers', { '204': 1, '401': 1, '500': 2 }),
        endpoint('GET', '/v1/subscribers/{id}/sim', { '500': 2 }),
      ],
      [await telecom()],
    );

    const undocumented = findings.filter((f) => f.type === 'undocumented-status');
    expect(undocumented).toHaveLength(1);
    expect(undocumented[0]?.evidence.undocumentedStatuses).toEqual(['500']);
  });

  it('reports documented operations nobody called as unused, on each host of the spec', async () => {
    const findings = checkConformance([endpoint('GET', '/v1/subscribers', { '200': 1 })], [await telecom()]);

    const unused = findings.filter((f) => f.type === 'unused-endpoint').map((f) => f.subject);
    expect(unused).toContain('api.telco.example GET /v1/subscribers/{msisdn}');
    expect(unused).toContain('eu.api.telco.example GET /v1/subscribers/{msisdn}');
    expect(unused).not.toContain('api.telco.example GET /v1/subscribers');
    expect(findings.filter((f) => f.type === 'unused-endpoint').every((f) => f.severity === 'info')).toBe(
      true,
    );
  });

  it('skips endpoints on hosts that no spec covers', async () => {
    const findings = checkConformance(
      [endpoint('GET', '/anything', { '200': 1 }, 'other.example.com')],
      [await telecom()],
    );

    expect(findings.filter((f) => f.host === 'other.example.com')).toEqual([]);
  });

  it('attaches a host-less spec to the hosts its endpoints come from', async () => {
    const orders = await loadSpecFile(join(specs, 'orders-3.1.yaml'));

    const findings = checkConformance(
      [endpoint('GET', '/api/orders/{id}', { '200': 1 }, 'shop.example.com')],
      [orders],
    );

    expect(findings.filter((f) => f.type === 'shadow-endpoint')).toEqual([]);
    expect(
      findings.filter((f) => f.type === 'unused-endpoint').every((f) => f.host === 'shop.example.com'),
    ).toBe(true);
  });
});
