import { describe, it, expect } from '@jest/globals';
import { deriveSecret, issueIngestKey } from '#shared/ingest/credentials';
import { InvalidMasterKeyringError, masterKeyring } from '#shared/ingest/master-keyring';

const V1 = 'first-master-secret-0123456789';
const V2 = 'second-master-secret-987654321';

describe('master keyring', () => {
  it('reads a plain secret as version 1, the version every deployment started with', () => {
    const keyring = masterKeyring(V1);
    expect([keyring.current, keyring.secret(1), keyring.secret(2)]).toEqual([1, V1, undefined]);
  });

  it('reads a JSON keyring and issues new keys under its current version', () => {
    const text = JSON.stringify({ current: 2, versions: { '1': V1, '2': V2 } });
    const keyring = masterKeyring(text);
    const issued = issueIngestKey(text);

    expect([keyring.secret(1), keyring.secret(2)]).toEqual([V1, V2]);
    expect(issued.masterVersion).toBe(2);
    expect(issued.secret).toBe(deriveSecret(V2, issued.keyId, 2));
  });

  it('keeps the version-1 derivation of keys issued before versions existed', () => {
    // Fixed vector: HMAC-SHA256(V1, 'surveyor-ingest-key:ik_fixedkeyid1'), base64url.
    expect(deriveSecret(V1, 'ik_fixedkeyid1', 1)).toBe('RetunYR1qSkIIPwwHPi-lDAAPhuJ0bb1jcaNiQ6FzE4');
    expect(deriveSecret(V1, 'ik_fixedkeyid1', 2)).not.toBe(deriveSecret(V1, 'ik_fixedkeyid1', 1));
  });

  it.each([
    ['{not json', /is not JSON/],
    ['{"current":1}', /has no versions/],
    ['{"current":3,"versions":{"1":"first-master-secret-0123456789"}}', /current must name/],
    ['{"current":1,"versions":{"1":"short"}}', /at least 16 characters/],
    ['{"current":1,"versions":{"x":"first-master-secret-0123456789"}}', /version x/],
  ])('refuses the malformed keyring %s without quoting its secrets', (text, message) => {
    const attempt = () => masterKeyring(text);
    expect(attempt).toThrow(InvalidMasterKeyringError);
    expect(attempt).toThrow(message);
    expect(attempt).not.toThrow(/first-master-secret/);
  });
});
