import { describe, it, expect } from '@jest/globals';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { validate } from '@readme/openapi-parser';
import { toOpenApi } from '#shared/inventory/openapi-export';

function endpoint(host: string, method: string, path: string): EndpointSummary {
  return {
    host,
    method,
    path,
    calls: 1,
    firstSeen: '2024-06-03T07:00:00.000Z',
    lastSeen: '2024-06-03T07:00:00.000Z',
    status: { other: 0, '1xx': 0, '2xx': 1, '3xx': 0, '4xx': 0, '5xx': 0 },
    clients: 1,
    auth: { none: 1 },
    samples: [path],
  };
}

describe('toOpenApi', () => {
  it('exports a path without parameters that has several methods or hosts', () => {
    const document = toOpenApi([
      endpoint('selfcare.example.com', 'GET', '/api/login'),
      endpoint('selfcare.example.com', 'POST', '/api/login'),
      endpoint('dev-selfcare.example.com', 'GET', '/api/login'),
    ]) as { paths: Record<string, Record<string, unknown>> };

    const item = document.paths['/api/login']!;
    expect(Object.keys(item).sort()).toEqual(['get', 'post']);
    expect(item).not.toHaveProperty('parameters');
  });

  it('declares the parameters of a templated path once', () => {
    const document = toOpenApi([
      endpoint('api.example.com', 'GET', '/users/{id}'),
      endpoint('api.example.com', 'DELETE', '/users/{id}'),
    ]) as { paths: Record<string, { parameters?: { name: string }[] }> };

    expect(document.paths['/users/{id}']!.parameters?.map((p) => p.name)).toEqual(['id']);
  });

  it('declares a name once when a function call repeats a path parameter, so the document validates', async () => {
    const path = "/reports/{period}/getUsage(period='{period}')";
    const document = toOpenApi([endpoint('api.example.com', 'GET', path)]) as {
      paths: Record<string, { parameters?: { name: string }[] }>;
    };

    expect(document.paths[path]!.parameters?.map((p) => p.name)).toEqual(['period']);
    await expect(validate(structuredClone(document) as never)).resolves.toMatchObject({ valid: true });
  });
});
