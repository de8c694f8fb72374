import { describe, it, expect } from '@jest/globals';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Finding } from '#events/finding.schema';
import { validateFindingChange } from '#events/validate';
import { findingChange, findingChangesOf } from '#shared/findings/changes';
import { observe, transition } from '#shared/findings/lifecycle';

const AT = '2024-05-01T13:00:00.000Z';
const opened: Finding = observe(
  undefined,
  {
    type: 'method-not-in-spec',
    severity: 'high',
    subject: 'api.example.com POST /lines/{id}',
    host: 'api.example.com',
    method: 'POST',
    path: '/lines/{id}',
    evidence: { documentedMethods: ['GET'] },
    firstSeen: '2024-05-01T12:00:00.000Z',
    lastSeen: '2024-05-01T12:00:00.000Z',
    occurrences: 1,
  },
  { tenant: 'telecom', now: AT },
);

function streamRecord(before: Finding | undefined, after: Finding | undefined): DynamoDBRecord {
  const image = (f: Finding | undefined) =>
    f === undefined ? undefined : marshall({ ...f, pk: 'TENANT#telecom#', sk: `FINDING#${f.id}`, ver: 1 });
  return {
    eventName: before === undefined ? 'INSERT' : after === undefined ? 'REMOVE' : 'MODIFY',
    dynamodb: {
      ApproximateCreationDateTime: Date.parse(AT) / 1000,
      ...(before !== undefined && { OldImage: image(before) }),
      ...(after !== undefined && { NewImage: image(after) }),
    },
  } as DynamoDBRecord;
}

describe('finding changes from the findings stream', () => {
  it('opens a new finding, with the stored finding and no table keys', () => {
    const [change] = findingChangesOf([streamRecord(undefined, opened)]);
    expect(change).toEqual({ change: 'opened', tenant: 'telecom', at: AT, finding: opened });
    expect(validateFindingChange(change)).toBe(true);
  });

  it('says reopened when the pipeline reopens a resolved finding, status-changed when a person acts', () => {
    const resolved = transition(opened, 'resolve', { by: 'alice', reason: 'fixed', at: AT });
    expect(findingChange(opened, resolved, AT)).toMatchObject({
      change: 'status-changed',
      previousStatus: 'open',
      finding: { status: 'resolved', statusBy: 'alice' },
    });
    const seenAgain = observe(
      resolved,
      { ...opened, lastSeen: '2024-05-01T14:00:00.000Z', occurrences: 2 } as never,
      { tenant: 'telecom', now: '2024-05-01T14:05:00.000Z' },
    );
    const change = findingChange(resolved, seenAgain, AT);
    expect(change).toMatchObject({
      change: 'reopened',
      previousStatus: 'resolved',
      finding: { status: 'open' },
    });
    expect(validateFindingChange(change)).toBe(true);
  });

  it('says escalated when an open finding gets more severe, and nothing for fresher counts', () => {
    expect(findingChange(opened, { ...opened, severity: 'critical' }, AT)).toMatchObject({
      change: 'escalated',
      previousSeverity: 'high',
    });
    expect(findingChange(opened, { ...opened, severity: 'low' }, AT)).toBeUndefined();
    expect(findingChange(opened, { ...opened, occurrences: 9, lastSeen: AT }, AT)).toBeUndefined();
    expect(findingChangesOf([streamRecord(opened, undefined)])).toEqual([]);
  });

  it('stays quiet for a finding created already suppressed or acknowledged', () => {
    const suppressed = transition(opened, 'suppress', { by: 'bob', reason: 'known', at: AT });
    expect(findingChange(undefined, suppressed, AT)).toBeUndefined();
  });
});
