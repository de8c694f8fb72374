/** Findings, changes and integrations the alert tests share. */
import type { Finding } from '#events/finding.schema';
import type { FindingChange } from '#events/finding-change.schema';
import { findingEvent, type PlannedEvent } from '#shared/alerts/alert-events';
import type { ActiveIntegration } from '#shared/alerts/integrations';
import { DEFAULT_EVENTS } from '#shared/alerts/integrations';
import { findingId } from '#shared/findings/lifecycle';

export const AT = '2024-05-01T13:00:00.000Z';
export const PORTAL = 'https://app.surveyor.test';
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const ROUTING_KEY = 'R0ut1ngKey0000000000000000000000';

export function finding(overrides: Partial<Finding> = {}): Finding {
  const subject = overrides.subject ?? `api.example.com POST /lines/{id}`;
  return {
    id: findingId(overrides.tenant ?? 'acme', overrides.type ?? 'method-not-in-spec', subject),
    tenant: 'acme',
    type: 'method-not-in-spec',
    severity: 'high',
    host: 'api.example.com',
    method: 'POST',
    path: '/lines/{id}',
    subject,
    evidence: { documentedMethods: ['GET'], calls: 3 },
    firstSeen: '2024-05-01T12:00:00.000Z',
    lastSeen: '2024-05-01T12:30:00.000Z',
    occurrences: 3,
    status: 'open',
    statusBy: 'surveyor',
    statusAt: AT,
    ...overrides,
  };
}

export function opened(f: Finding = finding(), source = 'stream-1'): PlannedEvent {
  const change: FindingChange = { change: 'opened', tenant: f.tenant, at: AT, finding: f };
  return findingEvent(change, source, PORTAL)!;
}

export function resolved(f: Finding = finding(), source = 'stream-2'): PlannedEvent {
  const change: FindingChange = {
    change: 'status-changed',
    tenant: f.tenant,
    at: AT,
    previousStatus: 'open',
    finding: { ...f, status: 'resolved', statusBy: 'alice', statusReason: 'fixed' },
  };
  return findingEvent(change, source, PORTAL)!;
}

export function integration(overrides: Partial<ActiveIntegration> = {}): ActiveIntegration {
  return {
    id: 'int_0123456789abcdef',
    tenant: 'acme',
    type: 'webhook',
    destination: 'https://hooks.example.com/…ive',
    minSeverity: 'medium',
    events: [...DEFAULT_EVENTS],
    status: 'active',
    createdAt: AT,
    url: 'https://hooks.example.com/receive',
    secrets: [SECRET],
    ...overrides,
  };
}
