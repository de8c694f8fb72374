import { describe, it, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { localSealer, SealedSecretError } from '#shared/alerts/secret-sealer';

describe('local secret sealing', () => {
  const sealer = localSealer(randomBytes(32));
  const context = { tenant: 'acme', integration: 'int_0123456789abcdef' };

  it('opens what it sealed, and the sealed text does not contain the secret', async () => {
    const sealed = await sealer.seal('https://hooks.slack.com/services/T/B/secretToken', context);
    expect(sealed).not.toContain('secretToken');
    expect(await sealer.open(sealed, context)).toBe('https://hooks.slack.com/services/T/B/secretToken');
  });

  it("refuses to open a value under another tenant's or integration's context, or another key", async () => {
    const sealed = await sealer.seal('whsec_abc', context);
    await expect(sealer.open(sealed, { ...context, tenant: 'globex' })).rejects.toThrow(SealedSecretError);
    await expect(sealer.open(sealed, { ...context, integration: 'int_ffffffffffffffff' })).rejects.toThrow(
      SealedSecretError,
    );
    await expect(localSealer(randomBytes(32)).open(sealed, context)).rejects.toThrow(SealedSecretError);
  });
});
