/**
 * Alert events from the two table streams the notifier reads: findings-table records become finding
 * events (opened, reopened, resolved, escalated); inventory-table INSERTs of endpoint items become
 * one `endpoint.discovered` per tenant and batch. The tenant comes from the item's key, never from
 * an attribute. A record's stream `eventID` names the event, so a redelivery has the same ids.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { AlertEndpoint } from '#events/alert-event.schema';
import { findingChangeOf } from '#shared/findings/changes';
import { endpointsDiscoveredEvent, findingEvent, type PlannedEvent } from './alert-events.ts';

/** Endpoints per `endpoint.discovered` event, so one message stays readable and small. */
const ENDPOINTS_PER_EVENT = 100;

const TENANT_KEY = /^TENANT#([a-z0-9][a-z0-9-]{0,62})#$/;

export interface SourcedEvent {
  readonly event: PlannedEvent;
  /** Stream sequence numbers of the records it came from (for partial batch failures). */
  readonly sequenceNumbers: readonly string[];
}

/** True for an inventory INSERT of a newly observed endpoint (not one created by a template merge). */
export function isNewEndpointRecord(record: DynamoDBRecord): boolean {
  const image = record.dynamodb?.NewImage;
  return (
    record.eventName === 'INSERT' &&
    image?.sk?.S?.startsWith('EP#') === true &&
    image.createdBy?.S !== 'merge'
  );
}

/** The events of one stream batch, in stream order (endpoint batches after the findings). */
export function alertEventsOf(records: readonly DynamoDBRecord[], portalUrl: string): SourcedEvent[] {
  const events: SourcedEvent[] = [];
  const endpoints = new Map<string, { endpoint: AlertEndpoint; record: DynamoDBRecord }[]>();
  for (const record of records) {
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    const sk = (record.dynamodb?.NewImage ?? record.dynamodb?.Keys)?.sk?.S ?? '';
    if (sk.startsWith('FINDING#')) {
      const change = findingChangeOf(record);
      const event = change && findingEvent(change, record.eventID ?? `${sk}#${sequence}`, portalUrl);
      if (event !== undefined) events.push({ event, sequenceNumbers: [sequence] });
    } else if (isNewEndpointRecord(record)) {
      const tenant = TENANT_KEY.exec(record.dynamodb?.NewImage?.pk?.S ?? '')?.[1];
      if (tenant === undefined) continue;
      const item = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>);
      const at = new Date(
        (record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000,
      ).toISOString();
      const list = endpoints.get(tenant) ?? [];
      list.push({
        endpoint: { host: item.host, method: item.method, path: item.path, firstSeen: item.firstSeen ?? at },
        record,
      });
      endpoints.set(tenant, list);
    }
  }
  for (const [tenant, list] of endpoints) {
    for (let i = 0; i < list.length; i += ENDPOINTS_PER_EVENT) {
      const chunk = list.slice(i, i + ENDPOINTS_PER_EVENT);
      const ids = chunk.map(({ record }) => record.eventID ?? record.dynamodb?.SequenceNumber ?? '');
      const at = chunk.map(({ endpoint }) => endpoint.firstSeen).sort()[0]!;
      events.push({
        event: endpointsDiscoveredEvent(
          tenant,
          chunk.map((c) => c.endpoint),
          ids,
          at,
        ),
        sequenceNumbers: chunk.map(({ record }) => record.dynamodb?.SequenceNumber ?? ''),
      });
    }
  }
  return events;
}
