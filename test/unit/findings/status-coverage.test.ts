import { describe, it, expect } from '@jest/globals';
import { checkConformance } from '#shared/findings/evaluators/spec-conformance';
import { observedStatuses } from '#shared/findings/endpoint-facts';
import type { SpecModel } from '#shared/openapi/spec-model';
import { evaluateBuiltInRisks } from '#shared/findings/evaluators/built-in-risks';
import { evaluateRules } from '#shared/findings/evaluators/custom-rules';
import { loadRules } from '#shared/rules/load-rules';

/** Status classes as an inventory item keeps them: every class listed, most at zero. */
const classes = (counts: Partial<Record<string, number>>) => ({
  other: 0,
  '1xx': 0,
  '2xx': 0,
  '3xx': 0,
  '4xx': 0,
  '5xx': 0,
  ...counts,
});

const base = {
  host: 'api.example.com',
  calls: 3,
  firstSeen: '2024-06-03T07:00:00.000Z',
  lastSeen: '2024-06-03T08:00:00.000Z',
};

const spec: SpecModel = {
  title: 'Subscriber API',
  version: '1',
  openapi: '3.0',
  hosts: ['api.example.com'],
  basePaths: [''],
  operations: [{ method: 'GET', path: '/subscribers/{msisdn}', deprecated: false, statuses: ['200', '404'] }],
};

/** Findings about the endpoint itself (the spec's other operations are unused). */
const judged = (endpoint: Parameters<typeof checkConformance>[0][number]) =>
  checkConformance([endpoint], [spec])
    .filter((f) => f.type !== 'unused-endpoint')
    .map((f) => f.type);

describe('observedStatuses', () => {
  it('keeps codes, else classes, that were counted at least once', () => {
    expect(observedStatuses({ statusClasses: classes({ '2xx': 3, '5xx': 1 }) })).toEqual(['2xx', '5xx']);
    expect(observedStatuses({ statusCodes: { '200': 2, '502': 0 }, statusClasses: classes({}) })).toEqual([
      '200',
    ]);
    expect(observedStatuses({ statusCodes: ['404'] })).toEqual(['404']);
  });

  it('leaves out responses that were never sent', () => {
    expect(observedStatuses({ statusClasses: classes({ other: 4 }) })).toEqual([]);
    expect(observedStatuses({ statusCodes: { '0': 2 } })).toEqual([]);
  });
});

describe('status classes counted zero times', () => {
  it('are not reported as undocumented statuses', () => {
    const endpoint = {
      ...base,
      method: 'GET',
      path: '/subscribers/{id}',
      statusClasses: classes({ '2xx': 3 }),
    };

    expect(judged(endpoint)).toEqual([]);
  });

  it('do not make a refused method look accepted', () => {
    const refused = {
      ...base,
      method: 'POST',
      path: '/subscribers/{id}',
      statusClasses: classes({ '4xx': 3 }),
    };
    const accepted = { ...refused, statusClasses: classes({ '2xx': 3 }) };

    expect(judged(refused)).toEqual([]);
    expect(judged(accepted)).toEqual(['method-not-in-spec']);
  });

  it('do not match a rule on a status class', () => {
    const rules = loadRules(
      '{"rules":[{"id":"errors","category":"5xx","severity":"low","match":{"status":["5xx"]}}]}',
    );
    const ok = { ...base, method: 'GET', path: '/a', statusClasses: classes({ '2xx': 3 }) };
    const failing = { ...ok, path: '/b', statusClasses: classes({ '2xx': 1, '5xx': 2 }) };

    expect(evaluateRules(rules, [ok, failing]).map((f) => f.path)).toEqual(['/b']);
  });

  it('do not hide that unauthenticated calls were all refused', () => {
    const admin = { ...base, method: 'GET', path: '/admin/users', auth: ['none'] };

    expect(evaluateBuiltInRisks([{ ...admin, statusClasses: classes({ '4xx': 3 }) }])).toEqual([]);
    expect(evaluateBuiltInRisks([{ ...admin, statusClasses: classes({ '2xx': 1, '4xx': 2 }) }])).toHaveLength(
      1,
    );
  });
});
