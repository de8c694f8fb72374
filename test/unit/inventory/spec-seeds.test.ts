import { describe, it, expect } from '@jest/globals';
import { loadSpec } from '#shared/openapi/load-spec';
import { specTemplateRules, withSeeds } from '#shared/inventory/spec-seeds';
import { Templater } from '#shared/inventory/templater';

const SPEC = `
openapi: 3.0.3
info: { title: Shop, version: '1' }
servers: [{ url: 'https://api.shop.example/v1' }]
paths:
  /tags/{tag}: { get: { parameters: [{ name: tag, in: path, required: true, schema: { type: string } }], responses: { '200': { description: ok } } } }
  /users/me: { get: { responses: { '200': { description: ok } } } }
  /users/{userId}: { get: { parameters: [{ name: userId, in: path, required: true, schema: { type: string } }], responses: { '200': { description: ok } } } }
  /users/{userId}/avatar.png: { get: { parameters: [{ name: userId, in: path, required: true, schema: { type: string } }], responses: { '200': { description: ok } } } }
  /files/{name}.json: { get: { parameters: [{ name: name, in: path, required: true, schema: { type: string } }], responses: { '200': { description: ok } } } }
`;

const HOST = 'api.shop.example';

describe('spec seeds', () => {
  it('seeds every documented path under its base path, skipping parameters inside a segment', async () => {
    const rules = specTemplateRules([await loadSpec(SPEC)]);
    expect([...rules.keys()]).toEqual([HOST]);
    expect(rules.get(HOST)!.seeded).toEqual([
      '/v1/tags/{tag}',
      '/v1/users/me',
      '/v1/users/{userId}',
      '/v1/users/{userId}/avatar.png',
    ]);
  });

  it('templates documented word values at once and keeps documented literals, inferring the rest', async () => {
    const templater = new Templater(specTemplateRules([await loadSpec(SPEC)]));
    const at = (path: string): string => templater.templateOf(HOST, 'GET', path);
    // Documented parameters are named after their values, as inferred ones are.
    expect(at('/v1/tags/music')).toBe('/v1/tags/{param}');
    expect(at('/v1/tags/travel')).toBe('/v1/tags/{param}');
    expect(at('/v1/users/me')).toBe('/v1/users/me');
    expect(at('/v1/users/42')).toBe('/v1/users/{id}');
    expect(at('/v1/users/jane')).toBe('/v1/users/{id}');
    // Undocumented traffic is still inferred (and becomes a shadow finding downstream).
    expect(at('/v1/orders/123')).toBe('/v1/orders/{id}');
    // Other hosts are not seeded.
    expect(templater.templateOf('other.example', 'GET', '/v1/tags/music')).toBe('/v1/tags/music');
  });

  it('keeps seeded structure through a saved and restored state', async () => {
    const rules = specTemplateRules([await loadSpec(SPEC)]);
    const first = new Templater(rules);
    first.templateOf(HOST, 'GET', '/v1/users/42');
    const restored = new Templater(rules);
    restored.importState(HOST, first.exportState(HOST)!);
    expect(restored.templateOf(HOST, 'GET', '/v1/users/7')).toBe('/v1/users/{id}');
    expect(restored.templateOf(HOST, 'GET', '/v1/users/me')).toBe('/v1/users/me');
  });

  it("keeps the user's pins and never-merge prefixes over the seeds", async () => {
    const seeds = specTemplateRules([await loadSpec(SPEC)]);
    const rules = withSeeds(
      new Map([[HOST, { pinned: ['/v1/tags/popular', '/v1/users/{user}'], neverMerge: ['/v2'] }]]),
      seeds,
    );
    expect(rules.get(HOST)!.neverMerge).toEqual(['/v2']);
    const templater = new Templater(rules);
    expect(templater.templateOf(HOST, 'GET', '/v1/users/42')).toBe('/v1/users/{user}');
    expect(templater.templateOf(HOST, 'GET', '/v1/tags/popular')).toBe('/v1/tags/popular');
    expect(templater.templateOf(HOST, 'GET', '/v1/tags/music')).toBe('/v1/tags/{param}');
  });
});
