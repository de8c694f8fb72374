import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { parseApiGatewayLine } from '#shared/logs/apigw';
import { validateApiCall } from '#events/validate';
import { fixtureLines } from './fixtures.ts';

const parsed = (file: string) =>
  fixtureLines('apigw', file).map((line) => {
    const outcome = parseApiGatewayLine(line);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(validateApiCall(outcome.call)).toBe(true);
    return outcome.call;
  });

describe('parseApiGatewayLine', () => {
  it('uses the REST resourcePath as the template unless it is greedy', () => {
    const [pets, proxy] = parsed('rest.json');
    expect(pets).toMatchObject({
      source: 'apigw-rest',
      host: 'api.example.com',
      method: 'GET',
      path: '/prod/pets/42',
      declaredTemplate: '/pets/{petId}',
      status: 200,
      latencyMs: 45,
      backendLatencyMs: 40,
      clientIp: '198.51.100.7',
      time: '2018-07-02T22:23:00.000Z',
    });
    expect(proxy!.declaredTemplate).toBeUndefined();
  });

  it('uses the HTTP API routeKey path as the template, except for $default', () => {
    const [route, fallback] = parsed('http.json');
    expect(route).toMatchObject({
      source: 'apigw-http',
      declaredTemplate: '/pets/{id}',
      path: '/pets/9',
      status: 200,
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
    });
    expect(fallback!.declaredTemplate).toBeUndefined();
  });

  it('tells auth schemes apart from authorizer and identity fields, and none from empty ones', () => {
    expect(parsed('rest.json').map((c) => c.authScheme)).toEqual(['lambda-authorizer', 'api-key', 'none']);
    expect(parsed('http.json')[0]!.authScheme).toBe('jwt');
  });

  it('names a Cognito identity-pool call cognito though it also carries the SigV4 caller ARN', () => {
    const line = (identity: Record<string, string>) =>
      JSON.stringify({
        requestId: 'r1',
        requestTimeEpoch: '1714564800000',
        httpMethod: 'GET',
        path: '/prod/me',
        status: '200',
        domainName: 'api.example.com',
        apiKeyId: '',
        authorizerPrincipalId: '',
        ...identity,
      });
    const schemeOf = (identity: Record<string, string>) => {
      const outcome = parseApiGatewayLine(line(identity));
      return outcome.ok ? outcome.call.authScheme : outcome.reason;
    };

    expect(
      schemeOf({
        userArn: 'arn:aws:sts::123456789012:assumed-role/Cognito_AppAuth_Role/CognitoIdentityCredentials',
        cognitoAuthenticationType: 'authenticated',
      }),
    ).toBe('cognito');
    expect(schemeOf({ userArn: 'arn:aws:iam::123456789012:user/ci' })).toBe('iam-sigv4');
  });

  it('parses the CLF format with the host given by the caller and query names only', () => {
    const [line] = fixtureLines('apigw', 'clf.log');
    const outcome = parseApiGatewayLine(line!, { defaultHost: 'pets.example.com' });
    expect(outcome.ok && outcome.call).toMatchObject({
      source: 'apigw-clf',
      host: 'pets.example.com',
      method: 'GET',
      path: '/pets/42',
      queryKeys: ['token'],
      status: 200,
      time: '2018-07-02T22:23:00.000Z',
    });
    expect(JSON.stringify(outcome)).not.toContain('abc');
  });

  it('explains why a line is not an access log', () => {
    expect(parseApiGatewayLine('{"httpMethod":"GET"}')).toEqual({ ok: false, reason: 'no path' });
    expect(parseApiGatewayLine('{not json')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/JSON/),
    });
    expect(parseApiGatewayLine('hello')).toMatchObject({ ok: false, reason: expect.stringMatching(/CLF/) });
  });

  it('never throws on arbitrary text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(() => parseApiGatewayLine(text)).not.toThrow();
      }),
    );
  });
});
