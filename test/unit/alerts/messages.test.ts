import { describe, it, expect } from '@jest/globals';
import { digestEvent, endpointsDiscoveredEvent, findingEventType } from '#shared/alerts/alert-events';
import { pagerDutyEvent } from '#shared/alerts/pagerduty-event';
import { slackMessage } from '#shared/alerts/slack-message';
import { validateAlertEvent } from '#events/validate';
import { slackMessageErrors, pagerDutyEventErrors } from '#local/stack/alert-sink-checks';
import { AT, finding, opened, PORTAL, resolved, ROUTING_KEY } from './fixtures.ts';

describe('alert events', () => {
  it('maps opened, reopened, escalated and resolution to event types; other status changes send nothing', () => {
    const f = finding();
    const base = { tenant: 'acme', at: AT, finding: f };
    expect(findingEventType({ ...base, change: 'opened' })).toBe('finding.opened');
    expect(findingEventType({ ...base, change: 'reopened' })).toBe('finding.reopened');
    expect(findingEventType({ ...base, change: 'escalated' })).toBe('finding.escalated');
    expect(
      findingEventType({ ...base, change: 'status-changed', finding: { ...f, status: 'resolved' } }),
    ).toBe('finding.resolved');
    expect(
      findingEventType({ ...base, change: 'status-changed', finding: { ...f, status: 'acknowledged' } }),
    ).toBe(undefined);
  });

  it('links the finding in the portal and derives one id per cause', () => {
    const event = opened();
    expect(event.finding!.url).toBe(`${PORTAL}/findings/${event.finding!.id}`);
    expect(opened(finding(), 'stream-1').id).toBe(event.id);
    expect(opened(finding(), 'stream-9').id).not.toBe(event.id);
    expect(validateAlertEvent(event.body)).toBe(true);
  });

  it('folds events into a digest with data.count and data.findings, each naming its event', () => {
    const members = [
      opened(finding({ subject: 'a GET /a', severity: 'medium' })),
      resolved(finding({ subject: 'b GET /b' })),
    ];
    const digest = digestEvent('int_0123456789abcdef', members, AT);
    expect(digest.body.data.count).toBe(2);
    expect(digest.body.data.findings!.map((f) => f.event)).toEqual(['finding.opened', 'finding.resolved']);
    expect(digest.severity).toBe('high');
    expect(digestEvent('int_0123456789abcdef', [...members].reverse(), AT).id).toBe(digest.id);
    expect(validateAlertEvent(digest.body)).toBe(true);
  });

  it('announces a batch of new endpoints as one endpoint.discovered', () => {
    const endpoints = [
      { host: 'api.example.com', method: 'GET', path: '/v2/users/{id}', firstSeen: AT },
      { host: 'api.example.com', method: 'DELETE', path: '/v2/users/{id}', firstSeen: AT },
    ];
    const event = endpointsDiscoveredEvent('acme', endpoints, ['r1', 'r2'], AT);
    expect(event.body).toEqual({
      type: 'endpoint.discovered',
      timestamp: AT,
      data: { tenant: 'acme', endpoints },
    });
    expect(validateAlertEvent(event.body)).toBe(true);
  });
});

describe('Slack Block Kit messages', () => {
  it('shows title, severity, endpoint, evidence and a link to the finding', () => {
    const event = opened();
    const message = slackMessage(event);
    expect(slackMessageErrors(message)).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).toContain('"type":"header"');
    expect(text).toContain('*Severity*\\nhigh');
    expect(text).toContain('POST api.example.com /lines/{id}');
    expect(text).toContain('documentedMethods: GET');
    expect(text).toContain(`"url":"${event.finding!.url}"`);
  });

  it('escapes Slack markup in finding text', () => {
    const message = slackMessage(opened(finding({ path: '/a/<!channel>&b' })));
    expect(JSON.stringify(message)).toContain('/a/&lt;!channel&gt;&amp;b');
  });

  it('lists at most ten findings of a digest and says how many more', () => {
    const members = Array.from({ length: 25 }, (_, i) => opened(finding({ subject: `s ${i}` }), `r${i}`));
    const message = slackMessage(digestEvent('int_0123456789abcdef', members, AT));
    expect(slackMessageErrors(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('and 15 more');
  });
});

describe('PagerDuty Events API v2', () => {
  it('triggers with the finding id as dedup key, a mapped severity and custom details', () => {
    const event = opened();
    const body = pagerDutyEvent(event, ROUTING_KEY);
    expect(pagerDutyEventErrors(body)).toEqual([]);
    expect(body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: event.finding!.id,
      payload: {
        source: 'api.example.com',
        severity: 'error',
        component: 'POST /lines/{id}',
        custom_details: { finding: event.finding!.id, type: 'method-not-in-spec', occurrences: 3 },
      },
      links: [{ href: event.finding!.url, text: 'Open in Surveyor' }],
    });
  });

  it('resolves with the same dedup key', () => {
    const body = pagerDutyEvent(resolved(), ROUTING_KEY);
    expect(body).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: finding().id });
    expect(pagerDutyEventErrors(body)).toEqual([]);
  });

  it('keeps the summary within 1,024 characters', () => {
    const long = finding({ path: `/${'x'.repeat(2000)}` });
    const body = pagerDutyEvent(opened(long), ROUTING_KEY) as { payload: { summary: string } };
    expect(body.payload.summary.length).toBe(1024);
    expect(pagerDutyEventErrors(body)).toEqual([]);
  });

  it.each([
    ['critical', 'critical'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'info'],
    ['info', 'info'],
  ] as const)('maps severity %s to %s', (severity, expected) => {
    const body = pagerDutyEvent(opened(finding({ severity })), ROUTING_KEY) as {
      payload: { severity: string };
    };
    expect(body.payload.severity).toBe(expected);
  });
});
