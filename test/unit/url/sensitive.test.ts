import { describe, it, expect } from '@jest/globals';
import { redactUrl } from '#shared/url/redact';
import { detectSensitive, type SensitiveHit } from '#shared/url/sensitive';
import { isCardNumber, isSecretKey, luhnValid } from '#shared/url/sensitive-patterns';

// Credential-shaped test values are assembled at run time so no scanner mistakes this file for a leak.
const fake = (prefix: string, length: number): string =>
  prefix + 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW3xY5zA7bC9dE2fG4hJ6kL8mN1pQ3rS5tU7'.slice(0, length);
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

const types = (hits: SensitiveHit[]): string[] => hits.map((h) => h.type).sort();

describe('detectSensitive', () => {
  it('finds e-mail addresses in path segments, encoded or not', () => {
    expect(detectSensitive('/users/jane.doe@example.com/orders')).toEqual([{ type: 'email', where: 'path' }]);
    expect(detectSensitive('/users/jane.doe%40example.co.uk')).toEqual([{ type: 'email', where: 'path' }]);
  });

  it('finds Luhn-valid card numbers of real issuers with or without separators', () => {
    for (const card of [
      '4111111111111111',
      '4111-1111-1111-1111',
      '5555 5555 5555 4444',
      '378282246310005',
      '3782-822463-10005',
      '6011111111111117',
    ])
      expect([card, types(detectSensitive('/pay', `card=${encodeURIComponent(card)}`))]).toEqual([
        card,
        ['card'],
      ]);
  });

  it('ignores card-length numbers that fail Luhn or belong to no issuer, and millisecond timestamps', () => {
    for (const path of [
      '/cards/4111111111111112',
      '/events/1715000000000',
      '/ids/9999999999999995',
      '/ids/1234567890123452',
    ])
      expect([path, detectSensitive(path)]).toEqual([path, []]);
  });

  it('finds SSNs with separators and skips never-issued ranges', () => {
    expect(types(detectSensitive('/people/123-45-6789'))).toEqual(['ssn']);
    for (const ssn of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '123456789',
    ])
      expect([ssn, detectSensitive(`/people/${ssn}`)]).toEqual([ssn, []]);
  });

  it('finds phone numbers in E.164 and common formats', () => {
    for (const phone of [
      '+14155550100',
      '+44 20 7946 0958',
      '(415) 555-0100',
      '415-555-0100',
      '415.555.0100',
      '+1-415-555-0100',
    ])
      expect([phone, types(detectSensitive('/contacts', `phone=${encodeURIComponent(phone)}`))]).toEqual([
        phone,
        ['phone'],
      ]);
  });

  it('does not mistake ids, timestamps, UUIDs, dates, versions and IPs for phones or cards', () => {
    for (const path of [
      '/orders/4155550100',
      '/users/1234567/profile',
      '/events/1715000000',
      '/items/550e8400-e29b-41d4-a716-446655440000',
      '/reports/2024-05-01/2024-06-30',
      '/v1.2.3/status',
      '/hosts/192.168.100.200',
      '/logs/2024-05-01T12:00:00.123Z',
      '/assets/logo@2x.png',
      '/packages/@scope/name',
      '/commits/9fceb02d0ae598e95dc970b74767f19372d61af8',
    ])
      expect([path, detectSensitive(path)]).toEqual([path, []]);
  });

  it('finds JWTs only when the header decodes to JSON with an alg', () => {
    expect(detectSensitive('/session', `t=${JWT}`)).toEqual([{ type: 'jwt', where: 'query', key: 't' }]);
    expect(detectSensitive('/x/eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.abc')).toEqual([]);
    expect(detectSensitive('/x/eyJhbGciOiJIUzI1.notjson.abc')).toEqual([]);
  });

  it('finds AWS access key ids and provider credentials', () => {
    expect(types(detectSensitive('/keys/AKIAIOSFODNN7EXAMPLE'))).toEqual(['aws-access-key']);
    expect(types(detectSensitive(`/k/${fake('ASIA', 0)}ABCDEFGHIJKLMNOP`))).toEqual(['aws-access-key']);
    for (const secret of [
      fake('ghp_', 36),
      fake('github_pat_', 40),
      fake('xoxb-', 30),
      fake('sk_live_', 24),
      fake('AIza', 35),
      '-----BEGIN RSA PRIVATE KEY-----MIIEow',
      fake('LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk', 10),
    ])
      expect([secret, types(detectSensitive('/hook', `x=${encodeURIComponent(secret)}`))]).toEqual([
        secret,
        ['credential'],
      ]);
  });

  it('flags password-style query keys by name, whatever their value, and not paging tokens', () => {
    expect(detectSensitive('/login', 'user=jane&password=hunter2&pageToken=abc&next_token=x')).toEqual([
      { type: 'password-param', where: 'query', key: 'password' },
    ]);
    expect(
      detectSensitive('/a', 'user%5Bpassword%5D=x&api_key=k&pwd=&db.secret=s').map((h) => h.key),
    ).toEqual(['user[password]', 'api_key', 'db.secret']);
    expect(['Password', 'client_secret', 'oauth_token', 'X-Amz-Signature'].every(isSecretKey)).toBe(true);
    expect(['pageToken', 'tokens', 'keyword', 'passenger'].some(isSecretKey)).toBe(false);
  });

  it('reports one hit per type and place however often it repeats', () => {
    expect(detectSensitive('/a@example.com/b@example.com')).toEqual([{ type: 'email', where: 'path' }]);
  });

  it('reports nothing for ordinary API URLs', () => {
    expect(detectSensitive('/api/v1/users/42/orders', 'page=2&sort=desc&limit=50')).toEqual([]);
  });
});

describe('redactUrl', () => {
  it('replaces detected path values with type markers and every query value', () => {
    expect(redactUrl('/users/jane@example.com/cards/4111111111111111', `a=1&t=${JWT}&password=p&q=`)).toBe(
      '/users/{email}/cards/{card}?a={value}&t={jwt}&password={password-param}&q=',
    );
  });

  it('keeps a path without findings exactly as logged', () => {
    expect(redactUrl('/files/My%20Report.pdf')).toBe('/files/My%20Report.pdf');
  });

  it('redacts a value inside a longer segment and keeps the rest', () => {
    expect(redactUrl('/lookup/email:jane@example.com')).toBe('/lookup/email%3A{email}');
  });

  it('redacts a bare query value', () => {
    expect(redactUrl('/x', 'jane@example.com')).toBe('/x?{email}');
  });
});

describe('luhnValid and isCardNumber', () => {
  it('accept the issuers test numbers and reject a changed digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(isCardNumber('4012888888881881')).toBe(true);
    expect(isCardNumber('4012888888881882')).toBe(false);
    expect(isCardNumber('1234567812345670')).toBe(false);
  });
});
