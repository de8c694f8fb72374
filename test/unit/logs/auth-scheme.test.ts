import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { AUTH_SCHEMES, type ApiCall } from '#events/api-call.schema';
import { inferAuthScheme, weakAuth, WEAK_AUTH_REASONS } from '#shared/logs/auth-scheme';

const base: ApiCall = {
  source: 'alb',
  time: '2024-05-01T12:00:00.000Z',
  host: 'api.example.com',
  method: 'GET',
  path: '/orders',
  status: 200,
};

describe('inferAuthScheme', () => {
  it('keeps what API Gateway identity fields told the parser', () => {
    for (const scheme of ['mtls', 'iam-sigv4', 'cognito', 'jwt', 'lambda-authorizer', 'api-key'] as const)
      expect(
        inferAuthScheme({ ...base, source: 'apigw-rest', authScheme: scheme, queryKeys: ['token'] }),
      ).toBe(scheme);
  });

  it('reads OIDC from an ALB authenticate action', () => {
    expect(inferAuthScheme({ ...base, actions: ['authenticate', 'forward'] })).toBe('oidc');
    expect(inferAuthScheme({ ...base, status: 401, errorReason: 'AuthInvalidCookie' })).toBe('oidc');
  });

  it('reads a presigned SigV4 URL as IAM, not as a leaked credential', () => {
    const keys = [
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Signature',
      'X-Amz-Security-Token',
    ];
    expect(inferAuthScheme({ ...base, queryKeys: keys })).toBe('iam-sigv4');
  });

  it('finds credentials in the query from the names given at parse time', () => {
    expect(inferAuthScheme(base, ['page', 'api_key'])).toBe('credential-in-query');
    expect(inferAuthScheme({ ...base, queryKeys: ['user[password]'] })).toBe('credential-in-query');
    expect(inferAuthScheme({ ...base, authScheme: 'none', queryKeys: ['access_token'] })).toBe(
      'credential-in-query',
    );
  });

  it('tells the required scheme from API Gateway error types of rejected calls', () => {
    const rejected = { ...base, source: 'apigw-rest', status: 403 } as const;
    expect(inferAuthScheme({ ...rejected, errorReason: 'INVALID_API_KEY' })).toBe('api-key');
    expect(inferAuthScheme({ ...rejected, errorReason: 'INVALID_SIGNATURE' })).toBe('iam-sigv4');
    expect(inferAuthScheme({ ...rejected, status: 500, errorReason: 'AUTHORIZER_FAILURE' })).toBe(
      'lambda-authorizer',
    );
  });

  it('keeps none when nothing points elsewhere, and says unknown when the log cannot tell', () => {
    expect(inferAuthScheme({ ...base, authScheme: 'none', queryKeys: ['page', 'pageToken'] })).toBe('none');
    expect(inferAuthScheme(base)).toBe('unknown');
  });

  it('always answers one of the known schemes', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...AUTH_SCHEMES), { nil: undefined }),
        fc.array(fc.string(), { maxLength: 5 }),
        fc.option(fc.string(), { nil: undefined }),
        (authScheme, queryKeys, errorReason) => {
          const call: ApiCall = { ...base, queryKeys };
          if (authScheme !== undefined) call.authScheme = authScheme;
          if (errorReason !== undefined) call.errorReason = errorReason;
          expect(AUTH_SCHEMES).toContain(inferAuthScheme(call));
        },
      ),
    );
  });
});

describe('weakAuth', () => {
  it('reports basic auth, credentials in the query and TLS below 1.2', () => {
    expect(weakAuth({ ...base, authScheme: 'basic', tlsProtocol: 'TLSv1.2' })).toEqual(['basic-auth']);
    expect(weakAuth({ ...base, queryKeys: ['api_key'], tlsProtocol: 'TLSv1.1' })).toEqual([
      'credential-in-query',
      'tls-below-1.2',
    ]);
    expect(weakAuth({ ...base, tlsProtocol: 'TLSv1' })).toEqual(['tls-below-1.2']);
  });

  it('reports credentials sent over plain HTTP', () => {
    expect(weakAuth({ ...base, transport: 'http', actions: ['authenticate', 'forward'] })).toEqual([
      'auth-over-plaintext',
    ]);
    expect(weakAuth({ ...base, transport: 'http', authScheme: 'none' })).toEqual([]);
  });

  it('finds nothing weak in a modern authenticated call', () => {
    expect(
      weakAuth({
        ...base,
        source: 'apigw-http',
        authScheme: 'jwt',
        transport: 'https',
        tlsProtocol: 'TLSv1.3',
      }),
    ).toEqual([]);
  });

  it('only ever names known reasons', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (tlsProtocol, queryKeys) => {
        for (const r of weakAuth({ ...base, tlsProtocol, queryKeys })) expect(WEAK_AUTH_REASONS).toContain(r);
      }),
    );
  });
});
