import { describe, it, expect } from '@jest/globals';
import { quarantineKey } from '#shared/ingest/quarantine-store';

describe('quarantineKey', () => {
  const object = { tenant: 'acme', day: '2026-12-02', source: 'envelope:s3://logs/acme-payroll.gz#etag#q#0' };

  it('gives the same source the same key, so a retried write replaces its object', () => {
    expect(quarantineKey({ ...object })).toBe(quarantineKey(object));
  });

  it('files the object under its tenant and day, named by a hash that quotes nothing of the source', () => {
    const key = quarantineKey(object);

    expect(key).toMatch(/^quarantine\/acme\/2026-12-02\/[0-9a-f]{40}\.jsonl$/);
    expect(key).not.toContain('payroll');
  });

  it('files an object with no day (a rejected record) under its tenant alone, whatever day it is written', () => {
    const rejected = { tenant: '_unattributed', source: 'rejected:shardId-000000000001/4959' };

    expect(quarantineKey(rejected)).toMatch(/^quarantine\/_unattributed\/[0-9a-f]{40}\.jsonl$/);
  });

  it('gives another source or another tenant another key', () => {
    const keys = new Set([
      quarantineKey(object),
      quarantineKey({ ...object, source: 'envelope:s3://logs/acme-payroll.gz#etag#q#1' }),
      quarantineKey({ ...object, tenant: 'acme-2' }),
      quarantineKey({ ...object, source: 'rejected:shardId-000000000001/4959' }),
    ]);

    expect(keys.size).toBe(4);
  });
});
