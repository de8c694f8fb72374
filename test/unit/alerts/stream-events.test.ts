import { describe, it, expect } from '@jest/globals';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { alertEventsOf, isNewEndpointRecord } from '#shared/alerts/stream-events';
import { AT, finding, PORTAL } from './fixtures.ts';

let sequence = 100;
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  oldImage: Record<string, unknown> | undefined,
  newImage: Record<string, unknown> | undefined,
): DynamoDBRecord {
  sequence++;
  return {
    eventID: `event-${sequence}`,
    eventName,
    dynamodb: {
      SequenceNumber: String(sequence),
      ApproximateCreationDateTime: Date.parse(AT) / 1000,
      ...(oldImage !== undefined && { OldImage: marshall(oldImage) }),
      ...(newImage !== undefined && { NewImage: marshall(newImage) }),
    },
  } as DynamoDBRecord;
}

const endpointItem = (tenant: string, path: string, extra: Record<string, unknown> = {}) => ({
  pk: `TENANT#${tenant}#`,
  sk: `EP#api.example.com#${path}#GET`,
  kind: 'endpoint',
  host: 'api.example.com',
  method: 'GET',
  path,
  calls: 1,
  ...extra,
});

describe('alert events from the table streams', () => {
  it('turns a findings INSERT into finding.opened, named by the stream record', () => {
    const f = finding();
    const r = record('INSERT', undefined, { ...f, pk: 'TENANT#acme#', sk: `FINDING#${f.id}`, ver: 1 });
    const [sourced] = alertEventsOf([r], PORTAL);
    expect(sourced!.event.type).toBe('finding.opened');
    expect(sourced!.sequenceNumbers).toEqual([r.dynamodb!.SequenceNumber]);
    expect(alertEventsOf([r], PORTAL)[0]!.event.id).toBe(sourced!.event.id);
  });

  it('announces new endpoints once per tenant and batch, not merge targets or updates', () => {
    const records = [
      record('INSERT', undefined, endpointItem('acme', '/v1/a')),
      record('INSERT', undefined, endpointItem('acme', '/v1/b')),
      record('INSERT', undefined, endpointItem('globex', '/v1/c')),
      record('INSERT', undefined, endpointItem('acme', '/v1/{id}', { createdBy: 'merge' })),
      record('MODIFY', endpointItem('acme', '/v1/d'), endpointItem('acme', '/v1/d', { calls: 2 })),
      record('INSERT', undefined, { pk: 'TENANT#acme#', sk: 'HOST#api.example.com', kind: 'host' }),
    ];
    expect(records.map(isNewEndpointRecord)).toEqual([true, true, true, false, false, false]);

    const events = alertEventsOf(records, PORTAL).map((s) => s.event);

    expect(events.map((e) => [e.type, e.tenant, e.body.data.endpoints!.map((x) => x.path)])).toEqual([
      ['endpoint.discovered', 'acme', ['/v1/a', '/v1/b']],
      ['endpoint.discovered', 'globex', ['/v1/c']],
    ]);
    expect(events[0]!.body.data.endpoints![0]).toEqual({
      host: 'api.example.com',
      method: 'GET',
      path: '/v1/a',
      firstSeen: AT,
    });
  });

  it('takes the tenant from the key, not from an attribute the item carries', () => {
    const forged = record('INSERT', undefined, { ...endpointItem('acme', '/x'), tenant: 'globex' });
    expect(alertEventsOf([forged], PORTAL)[0]!.event.tenant).toBe('acme');
  });
});
