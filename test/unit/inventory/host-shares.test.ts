import { describe, it, expect } from '@jest/globals';
import { HostShares } from '#shared/inventory/host-shares';
import type { CountedCall } from '#shared/inventory/packed-calls';

const call = (host: string, path: string): CountedCall => ({
  host,
  method: 'GET',
  path,
  time: '2024-05-01T12:00:00.000Z',
  status: 200,
});

describe('HostShares', () => {
  it('keeps every call of a host in one share, across batches, in the order given', () => {
    const shares = new HostShares(2);
    const first = shares.split([call('a', '/1'), call('b', '/1'), call('a', '/2')]);
    const second = shares.split([call('b', '/2'), call('a', '/3')]);
    expect(first.map((s) => s.map((c) => c.host + c.path))).toEqual([['a/1', 'a/2'], ['b/1']]);
    expect(second.map((s) => s.map((c) => c.host + c.path))).toEqual([['a/3'], ['b/2']]);
  });

  it('gives a new host to the share with the fewest calls so far', () => {
    const shares = new HostShares(2);
    shares.split([call('big', '/1'), call('big', '/2'), call('big', '/3'), call('small', '/1')]);
    const [heavy, light] = shares.split([call('new', '/1'), call('newer', '/1')]);
    expect(heavy).toEqual([]);
    expect(light!.map((c) => c.host)).toEqual(['new', 'newer']);
  });

  it('returns one share of everything when there is one thread', () => {
    const calls = [call('a', '/1'), call('b', '/1')];
    expect(new HostShares(1).split(calls)).toEqual([calls]);
  });
});
