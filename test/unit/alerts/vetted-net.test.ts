import { describe, it, expect } from '@jest/globals';
import { AWS_DESTINATIONS, LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { RefusedAddressError } from '#shared/alerts/transport';
import { destinationVetter, vettedTransport } from '#shared/alerts/vetted-net';

/** A resolver that answers from a table and fails the test if it is asked for anything else. */
const lookup = (answers: Record<string, string[]>) => async (host: string) => {
  const found = answers[host];
  if (found === undefined) throw Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' });
  return found;
};

describe('destination addresses (shared/net)', () => {
  it.each([
    ['https://10.0.0.7/hook', 'private'],
    ['https://192.168.1.20/hook', 'private'],
    ['https://127.0.0.1:8443/hook', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'metadata'],
    ['https://[fd00:ec2::254]/latest', 'metadata'],
    ['https://100.64.0.1/hook', 'carrier-grade NAT'],
    ['https://169.254.10.10/hook', 'link-local'],
    ['https://[::ffff:10.0.0.1]/hook', 'private'],
    ['https://[::ffff:169.254.169.254]/hook', 'metadata'],
    ['https://[::1]/hook', 'loopback'],
  ])('refuses %s in AWS when it is saved (%s)', async (url, says) => {
    const vet = destinationVetter(AWS_DESTINATIONS, lookup({}));
    await expect(vet(new URL(url))).rejects.toThrow(RefusedAddressError);
    await expect(vet(new URL(url))).rejects.toThrow(says);
  });

  it('refuses a name that resolves to an internal address, or to a mix of public and internal', async () => {
    const vet = destinationVetter(
      AWS_DESTINATIONS,
      lookup({ 'inside.example.com': ['10.1.2.3'], 'mixed.example.com': ['93.184.215.14', '172.16.0.9'] }),
    );
    await expect(vet(new URL('https://inside.example.com/hook'))).rejects.toThrow('private');
    await expect(vet(new URL('https://mixed.example.com/hook'))).rejects.toThrow('private');
    await expect(vet(new URL('https://nowhere.example.com/hook'))).rejects.toThrow('does not resolve');
  });

  it('accepts a public destination, and loopback only in local mode, where private stays refused', async () => {
    const answers = lookup({ 'hooks.example.com': ['93.184.215.14'], localhost: ['127.0.0.1'] });
    await expect(
      destinationVetter(AWS_DESTINATIONS, answers)(new URL('https://hooks.example.com/in')),
    ).resolves.toBe(undefined);
    const local = destinationVetter(LOCAL_DESTINATIONS, answers);
    await expect(local(new URL('http://localhost:18150/in'))).resolves.toBe(undefined);
    await expect(local(new URL('http://127.0.0.1:18150/in'))).resolves.toBe(undefined);
    await expect(local(new URL('https://10.0.0.7/in'))).rejects.toThrow('private');
    await expect(local(new URL('https://169.254.169.254/in'))).rejects.toThrow('metadata');
  });

  it('refuses at send time when the name now resolves inside (DNS rebinding), without connecting', async () => {
    const send = vettedTransport(AWS_DESTINATIONS, lookup({ 'hooks.example.com': ['169.254.169.254'] }));
    await expect(
      send({ url: 'https://hooks.example.com/in', headers: {}, body: '{}', timeoutMs: 1000 }),
    ).rejects.toThrow(RefusedAddressError);
  });
});
