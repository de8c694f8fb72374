import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { findingSchema, type Finding } from '#events/finding.schema';
import { findingId, FindingTransitionError, observe, transition } from '#shared/findings/lifecycle';
import type { FindingCandidate } from '#shared/findings/candidate';

const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date-time']);
const validateFinding = ajv.compile(findingSchema);

const ctx = { tenant: 'acme', now: '2024-05-03T00:00:00.000Z' };
const candidate: FindingCandidate = {
  type: 'shadow-endpoint',
  severity: 'high',
  subject: 'api.example.com GET /debug',
  host: 'api.example.com',
  method: 'GET',
  path: '/debug',
  evidence: { calls: 3, statuses: ['200'] },
  firstSeen: '2024-05-01T00:00:00.000Z',
  lastSeen: '2024-05-02T00:00:00.000Z',
  occurrences: 3,
};
const who = { by: 'alice@example.com', reason: 'ticket SEC-42', at: '2024-05-04T00:00:00.000Z' };

describe('finding lifecycle', () => {
  it('opens a new finding that validates against the finding schema', () => {
    const finding = observe(undefined, candidate, ctx);

    expect(finding).toMatchObject({ status: 'open', statusBy: 'surveyor', occurrences: 3 });
    expect(finding.id).toBe(findingId('acme', 'shadow-endpoint', candidate.subject));
    expect(validateFinding(finding)).toBe(true);
  });

  it('reopens a resolved finding seen again after its resolution', () => {
    const resolved = transition(observe(undefined, candidate, ctx), 'resolve', who);

    const again = observe(
      resolved,
      { ...candidate, lastSeen: '2024-05-05T00:00:00.000Z', occurrences: 5 },
      ctx,
    );

    expect(again).toMatchObject({ status: 'open', statusBy: 'surveyor', occurrences: 5 });
    expect(again.lastSeen).toBe('2024-05-05T00:00:00.000Z');
  });

  it('keeps a resolved finding resolved when the endpoint is called again without the problem', () => {
    const resolved = transition(observe(undefined, candidate, ctx), 'resolve', who);

    // Later calls, but no more of them show the problem: the count of occurrences did not grow.
    const later = observe(resolved, { ...candidate, lastSeen: '2024-05-06T00:00:00.000Z' }, ctx);

    expect(later).toMatchObject({
      status: 'resolved',
      statusBy: who.by,
      lastSeen: '2024-05-06T00:00:00.000Z',
    });
  });

  it('keeps a resolved finding resolved when only older activity is re-evaluated', () => {
    const resolved = transition(observe(undefined, candidate, ctx), 'resolve', who);

    expect(observe(resolved, candidate, ctx).status).toBe('resolved');
  });

  it('keeps suppressed and acknowledged findings in their status while refreshing evidence', () => {
    const open = observe(undefined, candidate, ctx);
    const later = { ...candidate, lastSeen: '2024-06-01T00:00:00.000Z', evidence: { calls: 9 } };

    const suppressed = observe(transition(open, 'suppress', who), later, ctx);
    const acknowledged = observe(transition(open, 'acknowledge', who), later, ctx);

    expect(suppressed).toMatchObject({ status: 'suppressed', statusBy: who.by, evidence: { calls: 9 } });
    expect(acknowledged.status).toBe('acknowledged');
  });

  it('requires who and why for every manual change', () => {
    const open = observe(undefined, candidate, ctx);

    expect(() => transition(open, 'acknowledge', { ...who, by: ' ' })).toThrow(FindingTransitionError);
    expect(() => transition(open, 'suppress', { ...who, reason: '' })).toThrow(FindingTransitionError);
    expect(transition(open, 'suppress', who)).toMatchObject({
      statusBy: who.by,
      statusReason: who.reason,
      statusAt: who.at,
    });
  });

  it('refuses changes that make no sense, such as acknowledging a resolved finding', () => {
    const resolved = transition(observe(undefined, candidate, ctx), 'resolve', who);

    expect(() => transition(resolved, 'acknowledge', who)).toThrow(FindingTransitionError);
    expect(() => transition(observe(undefined, candidate, ctx), 'reopen', who)).toThrow(
      FindingTransitionError,
    );
  });

  it('keeps every status change in the audit trail, by people and by the pipeline, oldest first', () => {
    const opened = observe(undefined, candidate, ctx);
    const acknowledged = transition(opened, 'acknowledge', who);
    const escalated = observe(acknowledged, { ...candidate, severity: 'critical', occurrences: 4 }, ctx);
    const resolved = transition(escalated, 'resolve', { ...who, by: 'bob@example.com', reason: 'fixed' });
    const reopened = observe(
      resolved,
      { ...candidate, severity: 'critical', occurrences: 5, lastSeen: '2024-05-05T00:00:00.000Z' },
      { ...ctx, now: '2024-05-06T00:00:00.000Z' },
    );

    expect(reopened.history).toEqual([
      { at: ctx.now, by: 'surveyor', to: 'open', reason: 'detected' },
      { at: who.at, by: who.by, from: 'open', to: 'acknowledged', reason: 'ticket SEC-42' },
      {
        at: ctx.now,
        by: 'surveyor',
        from: 'acknowledged',
        to: 'acknowledged',
        reason: 'escalated: severity high to critical',
      },
      { at: who.at, by: 'bob@example.com', from: 'acknowledged', to: 'resolved', reason: 'fixed' },
      {
        at: '2024-05-06T00:00:00.000Z',
        by: 'surveyor',
        from: 'resolved',
        to: 'open',
        reason: 'reopened: seen again after it was resolved',
      },
    ]);
    expect(validateFinding(reopened)).toBe(true);
  });

  it('keeps only the latest 100 audit-trail entries', () => {
    let finding = observe(undefined, candidate, ctx);
    for (let i = 0; i < 60; i++) {
      finding = transition(finding, 'acknowledge', { ...who, reason: `ack ${i}` });
      finding = transition(finding, 'reopen', { ...who, reason: `reopen ${i}` });
    }

    expect(finding.history).toHaveLength(100);
    expect(finding.history?.at(-1)?.reason).toBe('reopen 59');
    expect(finding.history?.[0]?.reason).toBe('ack 10');
  });

  it('derives distinct, stable 32-hex ids from tenant, type and subject (property)', () => {
    const part = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), (a, b) => {
        expect(findingId(...a)).toMatch(/^[0-9a-f]{32}$/);
        expect(findingId(...a)).toBe(findingId(...a));
        if (a.join('\0') !== b.join('\0')) expect(findingId(...a)).not.toBe(findingId(...b));
      }),
    );
  });

  it('never lets an observation move firstSeen later or lastSeen earlier (property)', () => {
    const time = fc
      .date({ min: new Date('2024-01-01'), max: new Date('2025-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(time, time, time, time, (f1, l1, f2, l2) => {
        const first: Finding = observe(undefined, { ...candidate, firstSeen: f1, lastSeen: l1 }, ctx);

        const next = observe(first, { ...candidate, firstSeen: f2, lastSeen: l2 }, ctx);

        expect(Date.parse(next.firstSeen)).toBeLessThanOrEqual(Date.parse(first.firstSeen));
        expect(Date.parse(next.lastSeen)).toBeGreaterThanOrEqual(Date.parse(first.lastSeen));
      }),
    );
  });
});
