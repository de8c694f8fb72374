import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { HostNotFoundError, InvalidTargetError, UnsafeTargetError } from '#shared/net/errors';
import { normalizeHostName, resolveVetted, vetPinned, type LookupAddresses } from '#shared/net/resolve';
import { parseTargetUrl } from '#shared/net/target-url';
import { nextRequest, type PendingRequest } from '#shared/net/redirects';
import { RedirectRefusedError } from '#shared/net/errors';

const zone = (records: Record<string, string[]>): LookupAddresses & { calls: string[] } => {
  const calls: string[] = [];
  const lookup = async (host: string) => {
    calls.push(host);
    if (!(host in records)) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return records[host]!;
  };
  return Object.assign(lookup, { calls });
};

describe('resolveVetted', () => {
  it('returns the vetted addresses of a public name through the injected lookup', async () => {
    const lookup = zone({ 'api.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    await expect(resolveVetted('API.Example.com.', { lookup })).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
    expect(lookup.calls).toEqual(['api.example.com']);
  });

  it('refuses a name when any of its addresses is internal, naming the address and why', async () => {
    const lookup = zone({ 'mixed.example.com': ['93.184.215.14', '169.254.169.254'] });
    const error = await resolveVetted('mixed.example.com', { lookup }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeTargetError);
    expect(error).toMatchObject({ address: '169.254.169.254', reason: 'cloud metadata address' });
    expect((error as Error).message).toBe(
      'Refused mixed.example.com: 169.254.169.254 is a cloud metadata address',
    );
  });

  it('refuses names that resolve to private or mapped-loopback addresses', async () => {
    const lookup = zone({ 'a.example.com': ['10.1.2.3'], 'b.example.com': ['::ffff:127.0.0.1'] });
    await expect(resolveVetted('a.example.com', { lookup })).rejects.toThrow(UnsafeTargetError);
    await expect(resolveVetted('b.example.com', { lookup })).rejects.toThrow(UnsafeTargetError);
    await expect(resolveVetted('b.example.com', { lookup, allowLoopback: true })).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('vets an IP literal without any lookup', async () => {
    const lookup = zone({});
    await expect(resolveVetted('169.254.169.254', { lookup })).rejects.toThrow(UnsafeTargetError);
    await expect(resolveVetted('[::1]', { lookup })).rejects.toThrow(UnsafeTargetError);
    await expect(resolveVetted('8.8.4.4', { lookup })).resolves.toEqual([{ address: '8.8.4.4', family: 4 }]);
    expect(lookup.calls).toEqual([]);
  });

  it('says when a name does not resolve or resolves to nothing', async () => {
    const lookup = zone({ 'empty.example.com': [] });
    await expect(resolveVetted('missing.example.com', { lookup })).rejects.toThrow(
      new HostNotFoundError('missing.example.com', { cause: { code: 'ENOTFOUND' } }).message,
    );
    await expect(resolveVetted('empty.example.com', { lookup })).rejects.toThrow(HostNotFoundError);
  });

  it('rejects malformed host names before resolving them', async () => {
    const lookup = zone({});
    for (const bad of ['', 'exa mple.com', '-bad.example.com', 'a..b', 'x'.repeat(64) + '.com', 'a/b'])
      await expect(resolveVetted(bad, { lookup })).rejects.toThrow(InvalidTargetError);
    expect(lookup.calls).toEqual([]);
  });
});

describe('vetPinned and normalizeHostName', () => {
  it('vets a pinned address for a host like curl --resolve', () => {
    expect(vetPinned('api.example.com', '93.184.215.14')).toEqual({ address: '93.184.215.14', family: 4 });
    expect(() => vetPinned('api.example.com', '192.168.0.10')).toThrow(
      'Refused api.example.com: 192.168.0.10 is a private address',
    );
  });

  it('keeps every valid name it accepts stable under a second normalisation', () => {
    fc.assert(
      fc.property(fc.domain(), (name) => {
        const once = normalizeHostName(name);
        expect(normalizeHostName(once)).toBe(once);
        expect(once).toBe(once.toLowerCase());
      }),
    );
  });
});

describe('parseTargetUrl', () => {
  it('accepts http and https URLs and rejects other schemes and credentials', () => {
    expect(parseTargetUrl('https://Hooks.Example.com/in?x=1').hostname).toBe('hooks.example.com');
    expect(() => parseTargetUrl('ftp://example.com/')).toThrow('Only http and https URLs');
    expect(() => parseTargetUrl('file:///etc/passwd')).toThrow(InvalidTargetError);
    expect(() => parseTargetUrl('https://user:pw@example.com/')).toThrow('Credentials in a URL are refused');
    expect(() => parseTargetUrl('not a url')).toThrow(InvalidTargetError);
  });

  it('reads decimal and hex host spellings as the address they mean', () => {
    expect(parseTargetUrl('http://2130706433/').hostname).toBe('127.0.0.1');
    expect(parseTargetUrl('http://0xa9.0xfe.0xa9.0xfe/').hostname).toBe('169.254.169.254');
  });
});

describe('nextRequest', () => {
  const post: PendingRequest = {
    url: new URL('https://a.example.com/hook'),
    method: 'POST',
    headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json', 'X-Id': '1' },
    body: '{}',
  };

  it('turns a 303 into a body-less GET and drops credentials on another origin', () => {
    expect(nextRequest(post, 303, 'https://b.example.com/next', false)).toEqual({
      url: new URL('https://b.example.com/next'),
      method: 'GET',
      headers: { 'X-Id': '1' },
      body: undefined,
    });
  });

  it('repeats a 307 with its body and keeps credentials on the same origin', () => {
    expect(nextRequest(post, 307, '/other', false)).toEqual({
      ...post,
      url: new URL('https://a.example.com/other'),
    });
  });

  it('refuses a downgrade to http and a redirect to a non-http scheme', () => {
    expect(() => nextRequest(post, 302, 'http://a.example.com/', false)).toThrow(RedirectRefusedError);
    expect(() => nextRequest(post, 302, 'gopher://a.example.com/', false)).toThrow('Only http and https');
    expect(nextRequest(post, 302, 'http://a.example.com/', true).url.protocol).toBe('http:');
  });
});
