import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { validateApiCall } from '#events/validate';
import { parseJsonLine } from '#shared/logs/json-lines';
import type { JsonFieldNames, ParseOutcome } from '#shared/logs/parse-outcome';
import { fixtureLines } from './fixtures.ts';

const calls = (outcomes: ParseOutcome[]) => outcomes.map((o) => (o.ok ? o.call : o.reason));

describe('JSON-lines access logs', () => {
  it('reads common field names, nested objects, epoch seconds and string statuses', () => {
    const [quote, created, deleted] = calls(
      fixtureLines('json', 'default.jsonl').map((l) => parseJsonLine(l)),
    );

    expect(quote).toEqual({
      source: 'json',
      time: '2024-05-01T12:00:00.120Z',
      host: 'quotes.example.com',
      method: 'GET',
      path: '/v1/quotes/5521',
      queryKeys: ['ccy'],
      status: 200,
      clientIp: '198.51.100.9',
      latencyMs: 31.5,
    });
    expect(created).toMatchObject({ method: 'POST', path: '/v1/quotes', status: 201, latencyMs: 48 });
    expect(deleted).toMatchObject({
      time: '2024-05-01T12:00:02.500Z',
      host: 'quotes.example.com',
      status: 204,
    });
  });

  it('reads configured field names (an Apigee message log), latency in seconds, and drops query values', () => {
    const fields: JsonFieldNames = {
      method: 'request_verb',
      path: 'request_uri',
      status: 'response_status_code',
      host: 'virtual_host',
      client: 'client_ip',
      timestamp: 'client_received_start_timestamp',
      latency: 'total_response_time',
      latencyUnit: 's',
    };
    const [item, conflict] = calls(
      fixtureLines('json', 'apigee.jsonl').map((l) => parseJsonLine(l, { jsonFields: fields })),
    );

    expect(item).toMatchObject({
      time: '2024-05-01T12:00:00.123Z',
      host: 'edge.retail.example',
      path: '/catalog/v2/items/9921',
      queryKeys: ['apikey'],
      authScheme: 'credential-in-query',
      latencyMs: 87,
    });
    expect(JSON.stringify(item)).not.toContain('SECRET123');
    expect(conflict).toMatchObject({ method: 'PATCH', status: 409, clientIp: '203.0.113.201' });
  });

  it('quarantines with a reason naming the field it looked for', () => {
    const reasons = calls([
      parseJsonLine('not json'),
      parseJsonLine('[1,2]'),
      parseJsonLine('{"method":"GET","status":200,"timestamp":1714564800}', { defaultHost: 'h' }),
      parseJsonLine('{"verb":"GET","path":"/a","status":200,"timestamp":1714564800}', {
        jsonFields: { method: 'm' },
      }),
      parseJsonLine('{"method":"GET","path":"/a","status":200,"timestamp":"yesterday"}', {
        defaultHost: 'h',
      }),
      parseJsonLine('{"method":"GET","path":"/a","status":200,"timestamp":1714564800}'),
    ]);

    expect(reasons).toEqual([
      'line is not valid JSON',
      'JSON line is not an object',
      expect.stringMatching(/^no path \(field path\|uri/),
      'no valid method (field m)',
      expect.stringMatching(/^no valid timestamp/),
      expect.stringMatching(/no host/),
    ]);
  });

  it('never throws, and every accepted line is a schema-valid call', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean());
    const record = fc.dictionary(
      fc.constantFrom('method', 'path', 'status', 'host', 'client', 'timestamp', 'latency', 'uri', 'ts', 'x'),
      value,
    );
    fc.assert(
      fc.property(record, fc.string(), (r, junk) => {
        for (const line of [JSON.stringify(r), junk]) {
          const outcome = parseJsonLine(line, { defaultHost: 'api.example.com' });
          if (outcome.ok) expect(validateApiCall(outcome.call)).toBe(true);
        }
      }),
    );
  });
});
