/**
 * Alert events (the webhook body `{ type, timestamp, data }`) from finding changes and new
 * endpoints. Each event gets one id, derived from what caused it, so a redelivered stream record
 * produces the same id and is recognised as already sent.
 */
import { createHash } from 'node:crypto';
import type {
  AlertEndpoint,
  AlertEvent,
  AlertEventType,
  AlertFinding,
  FindingEventType,
} from '#events/alert-event.schema';
import type { Finding } from '#events/finding.schema';
import type { FindingChange } from '#events/finding-change.schema';
import { CATALOGUE, isBuiltInType, severityRank, type Severity } from '#shared/findings/catalogue';

/** An event ready to route: its id (`webhook-id`), tenant, body and, for finding events, the finding. */
export interface PlannedEvent {
  readonly id: string;
  readonly tenant: string;
  readonly type: AlertEventType;
  readonly body: AlertEvent;
  /** The most severe finding it reports (digests: the highest among them). */
  readonly severity?: Severity;
  readonly finding?: AlertFinding;
}

/** `msg_` and 32 hex characters from the parts (NUL-separated, so no two part lists collide). */
export function eventId(...parts: readonly string[]): string {
  return `msg_${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)}`;
}

/** Which event a finding change is; acknowledging or suppressing is nobody's alert. */
export function findingEventType(change: FindingChange): FindingEventType | undefined {
  switch (change.change) {
    case 'opened':
      return 'finding.opened';
    case 'reopened':
      return 'finding.reopened';
    case 'escalated':
      return 'finding.escalated';
    case 'status-changed':
      return change.finding.status === 'resolved' ? 'finding.resolved' : undefined;
  }
}

/** A stored finding as alerts show it, with its portal link: `alertFinding(f, 'https://app.example')`. */
export function alertFinding(finding: Finding, portalUrl: string): AlertFinding {
  const title = isBuiltInType(finding.type)
    ? CATALOGUE[finding.type].title
    : `Custom rule ${finding.type.slice('custom:'.length)}${finding.category === undefined ? '' : `: ${finding.category}`}`;
  return {
    id: finding.id,
    type: finding.type,
    severity: finding.severity,
    status: finding.status,
    host: finding.host,
    method: finding.method ?? null,
    path: finding.path ?? null,
    title,
    subject: finding.subject,
    evidence: finding.evidence,
    occurrences: finding.occurrences,
    firstSeen: finding.firstSeen,
    lastSeen: finding.lastSeen,
    url: `${portalUrl.replace(/\/+$/, '')}/findings/${finding.id}`,
  };
}

/** The event for one finding change, or undefined when it is no alert. `sourceId` names its cause. */
export function findingEvent(
  change: FindingChange,
  sourceId: string,
  portalUrl: string,
): PlannedEvent | undefined {
  const type = findingEventType(change);
  if (type === undefined) return undefined;
  const finding = alertFinding(change.finding, portalUrl);
  const body: AlertEvent = {
    type,
    timestamp: change.at,
    data: {
      tenant: change.tenant,
      finding,
      ...(change.previousStatus !== undefined && { previousStatus: change.previousStatus }),
      ...(change.previousSeverity !== undefined && { previousSeverity: change.previousSeverity }),
    },
  };
  return {
    id: eventId(change.tenant, sourceId, type),
    tenant: change.tenant,
    type,
    body,
    severity: finding.severity,
    finding,
  };
}

/** One `endpoint.discovered` for a batch of a tenant's new endpoints (never one per endpoint). */
export function endpointsDiscoveredEvent(
  tenant: string,
  endpoints: readonly AlertEndpoint[],
  sourceIds: readonly string[],
  timestamp: string,
): PlannedEvent {
  const body: AlertEvent = {
    type: 'endpoint.discovered',
    timestamp,
    data: { tenant, endpoints: [...endpoints] },
  };
  return {
    id: eventId(tenant, 'endpoint.discovered', ...[...sourceIds].sort()),
    tenant,
    type: body.type,
    body,
  };
}

/**
 * One `finding.digest` standing for several finding events sent to one integration. Its id comes
 * from the integration and the events it folds, so the same fold is the same message.
 */
export function digestEvent(
  integrationId: string,
  members: readonly PlannedEvent[],
  timestamp: string,
): PlannedEvent {
  const tenant = members[0]!.tenant;
  const findings = members.map((m) => ({ ...m.finding!, event: m.type as FindingEventType }));
  const severity = [...members].map((m) => m.severity!).sort((a, b) => severityRank(a) - severityRank(b))[0];
  const body: AlertEvent = {
    type: 'finding.digest',
    timestamp,
    data: { tenant, count: findings.length, findings },
  };
  return {
    id: eventId(tenant, integrationId, 'finding.digest', ...members.map((m) => m.id).sort()),
    tenant,
    type: 'finding.digest',
    body,
    ...(severity !== undefined && { severity }),
  };
}
