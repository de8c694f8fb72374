import { describe, expect, it } from '@jest/globals';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from '#shared/accounts/password';
import { canWrite, normalEmail } from '#shared/accounts/account-keys';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and nothing else, with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    await expect(verifyPassword('correct horse battery', first)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterz', first)).resolves.toBe(false);
  });

  it('never accepts a password against the dummy hash used for unknown accounts, or a malformed hash', async () => {
    await expect(verifyPassword('', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('anything', 'md5$abc')).resolves.toBe(false);
  });

  it('refuses short passwords with a reason', () => {
    expect(passwordProblem('short')).toBe('Use at least 10 characters');
    expect(passwordProblem('long enough pass')).toBeUndefined();
  });
});

describe('account vocabulary', () => {
  it('normalises e-mail addresses and rejects what is not one', () => {
    expect(normalEmail('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(normalEmail('alice@localhost')).toBeUndefined();
    expect(normalEmail('a#b@example.com')).toBeUndefined();
    expect(normalEmail(42)).toBeUndefined();
  });

  it('lets owners and admins write, viewers only read', () => {
    expect([canWrite('owner'), canWrite('admin'), canWrite('viewer')]).toEqual([true, true, false]);
  });
});
