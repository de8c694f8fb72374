import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { AUTH_SCHEMES } from '#events/api-call.schema';
import { packCalls, unpackCalls, type CountedCall } from '#shared/inventory/packed-calls';

/** A call as counting reads it, every optional field present or not (absent fields left out). */
const countedCall: fc.Arbitrary<CountedCall> = fc.record(
  {
    host: fc.constantFrom('api.example.com', 'b.example.com', 'ünïcode.example'),
    method: fc.constantFrom('GET', 'POST', 'DELETE'),
    path: fc.string({ minLength: 1, unit: 'binary' }),
    declaredTemplate: fc.constantFrom('/users/{id}', '/items/{item}'),
    time: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    status: fc.integer({ min: 0, max: 999 }),
    latencyMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
    bytesIn: fc.nat(),
    bytesOut: fc.nat(),
    clientIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant('')),
    authScheme: fc.constantFrom(...AUTH_SCHEMES),
    tlsProtocol: fc.constantFrom('TLSv1.2', 'TLSv1.3'),
    sensitive: fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
  },
  { requiredKeys: ['host', 'method', 'path', 'time', 'status'] },
);

/** What counting sees of a call: every field, undefined where the call has none. */
function asCounted(call: CountedCall): Required<Record<keyof CountedCall, unknown>> {
  const { host, method, path, declaredTemplate, time, status, latencyMs, bytesIn, bytesOut } = call;
  const { clientIp, authScheme, tlsProtocol, sensitive } = call;
  return {
    host,
    method,
    path,
    declaredTemplate,
    time,
    status,
    latencyMs,
    bytesIn,
    bytesOut,
    clientIp,
    authScheme,
    tlsProtocol,
    sensitive,
  };
}

describe('packed calls', () => {
  it('unpack to the same values, in order, whatever the calls hold', () => {
    fc.assert(
      fc.property(fc.array(countedCall, { maxLength: 40 }), (calls) => {
        const packed = structuredClone(packCalls(calls));
        expect(unpackCalls(packed).map(asCounted)).toEqual(calls.map(asCounted));
      }),
    );
  });

  it('carry each repeated host, method and list once per batch', () => {
    const call: CountedCall = {
      host: 'api.example.com',
      method: 'GET',
      path: '/users/1',
      time: '2024-05-01T12:00:00.000Z',
      status: 200,
      sensitive: ['email'],
    };
    const packed = packCalls([call, { ...call, path: '/users/2' }, { ...call, method: 'POST' }]);
    expect(packed.shared).toEqual(['api.example.com', 'GET', '["email"]', 'POST']);
    expect(packed.unique.filter((s) => s?.startsWith('/'))).toEqual(['/users/1', '/users/2', '/users/1']);
  });

  it('keeps a zero, an empty address and an empty list apart from absent ones', () => {
    const call: CountedCall = {
      host: 'h',
      method: 'GET',
      path: '/',
      time: '2024-05-01T12:00:00.000Z',
      status: 0,
      latencyMs: 0,
      bytesIn: 0,
      clientIp: '',
      sensitive: [],
    };
    const [back] = unpackCalls(packCalls([call]));
    expect(asCounted(back!)).toEqual(asCounted(call));
    expect(back!.bytesOut).toBeUndefined();
  });
});
