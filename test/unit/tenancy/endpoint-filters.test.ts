import { describe, expect, it } from '@jest/globals';
import { parseEndpointQuery, storedFilter } from '#shared/tenancy/endpoint-filters';
import { InvalidQueryError } from '#shared/tenancy/paged-query';

describe('inventory query parameters', () => {
  it('sorts by host and path ascending, and by calls or last seen most first, unless told', () => {
    expect(parseEndpointQuery({})).toEqual({ sort: 'path', descending: false });
    expect(parseEndpointQuery({ sort: 'calls' })).toEqual({ sort: 'calls', descending: true });
    expect(parseEndpointQuery({ sort: 'lastSeen', order: 'asc' })).toEqual({
      sort: 'lastSeen',
      descending: false,
    });
  });

  it('refuses values outside each parameter, naming the parameter', () => {
    for (const [query, name] of [
      [{ auth: 'password' }, 'auth'],
      [{ exposure: 'public' }, 'exposure'],
      [{ sensitive: 'yes' }, 'sensitive'],
      [{ spec: 'ghost' }, 'spec'],
      [{ sort: 'size' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ environment: 'Prod!' }, 'environment'],
    ] as const) {
      expect(() => parseEndpointQuery(query)).toThrow(InvalidQueryError);
      expect(() => parseEndpointQuery(query)).toThrow(name);
    }
  });

  it('lets DynamoDB filter what the item stores, with no filter at all when none is asked', () => {
    expect(storedFilter(parseEndpointQuery({ environment: 'non-production', spec: 'shadow' }))).toBe(
      undefined,
    );
    const filter = storedFilter(
      parseEndpointQuery({ auth: 'none', exposure: 'internal', sensitive: 'true', method: 'get' }),
    );
    expect(filter?.expression).toBe(
      '#method = :method AND attribute_exists(#auth) AND (attribute_not_exists(#ext) OR #ext = :zero) AND size(#sens) > :zero',
    );
    expect(filter?.names).toMatchObject({ '#auth': 'auth_none', '#ext': 'extCalls', '#sens': 'sensitive' });
    expect(filter?.values).toEqual({ ':method': 'GET', ':zero': 0 });
  });
});
