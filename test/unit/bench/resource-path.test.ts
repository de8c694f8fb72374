import { describe, it, expect } from '@jest/globals';
import { apiFromDocument } from '../../../bench/corpus/openapi-specs.ts';
import { generateTraffic } from '../../../bench/corpus/openapi-traffic.ts';
import { scoreRevealable, type RevealablePath } from '../../../bench/corpus/revealable-score.ts';
import { endpointKey } from '../../../bench/corpus/template-score.ts';

const HOST = 'management.azure.com';

/** An Azure-style document: a scope parameter first, a fully qualified id, and a plain name. */
const DOCUMENT = {
  servers: [{ url: 'https://management.azure.com' }],
  paths: {
    '/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}': {
      get: {
        parameters: [
          {
            name: 'scope',
            in: 'path',
            required: true,
            'x-ms-skip-url-encoding': true,
            schema: { type: 'string' },
          },
          { name: 'roleAssignmentName', in: 'path', required: true, schema: { type: 'string' } },
        ],
      },
    },
    '/subscriptions/{subscriptionId}/backupPolicies/{backupPolicyName}': {
      get: {
        parameters: [
          { name: 'subscriptionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          {
            name: 'backupPolicyName',
            in: 'path',
            required: true,
            'x-ms-skip-url-encoding': true,
            schema: { type: 'string' },
          },
        ],
      },
    },
  },
};

/** A fully qualified id first in the path (values share one pool with any other `/{x}` of the API). */
const BY_ID = {
  servers: [{ url: 'https://management.azure.com' }],
  paths: {
    '/{roleId}': {
      get: {
        parameters: [
          {
            name: 'roleId',
            in: 'path',
            required: true,
            'x-ms-skip-url-encoding': true,
            schema: { type: 'string' },
          },
        ],
      },
    },
  },
};

describe('resource paths in the templating evaluation', () => {
  const apis = [
    apiFromDocument('azure.com/example', DOCUMENT, new Set()),
    { ...apiFromDocument('azure.com/by-id', BY_ID, new Set()), host: 'by-id.azure.test' },
  ];
  const calls = [...generateTraffic(apis, { seed: 1, calls: 600 })];

  it('sends scopes and fully qualified ids as several raw segments, other skipped names as one', () => {
    const scoped = calls.filter((c) => c.template.startsWith('/{scope}'));
    const byId = calls.filter((c) => c.template === '/{roleId}');
    const named = calls.filter((c) => c.template.includes('backupPolicies'));
    expect(scoped.length).toBeGreaterThan(0);
    expect(byId.length).toBeGreaterThan(0);
    for (const c of scoped) {
      expect(c.kinds[0]).toBe('resource-path');
      expect(c.path).toMatch(
        /^\/(subscriptions\/[0-9a-f-]{36}|providers\/Microsoft\.Management)\/.*\/roleAssignments\//,
      );
    }
    for (const c of byId)
      expect(c.path).toMatch(/\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/);
    for (const c of named) {
      expect(c.kinds[1]).not.toBe('resource-path');
      expect(c.path.split('/')).toHaveLength(5);
    }
  });

  it('counts endpoints with a resource path as not revealable and their wrong templates as neutral', () => {
    const scope = 'subscriptions/8bb6fe8a-ef74-42c6-ae67-bead1f69b649/resourceGroups/rg-web';
    const truth = '/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}';
    const paths: RevealablePath[] = ['a1', 'b2', 'c3'].map((name) => ({
      host: HOST,
      method: 'GET',
      path: `/${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      truth,
      inferred:
        '/subscriptions/{id}/resourceGroups/{param}/providers/Microsoft.Authorization/roleAssignments/{param2}',
      values: [scope, name],
      kinds: ['resource-path', 'base62'],
      pools: [`${HOST} /{}`, `${HOST} /{}/roleassignments/{}`],
      calls: 1,
    }));
    const report = scoreRevealable(paths, new Set([endpointKey(HOST, 'GET', truth)]));
    expect(report.revealable).toBe(0);
    expect(report.neutral).toBe(1);
    expect(report.inferred - report.neutral - report.correct).toBe(0);
  });
});
