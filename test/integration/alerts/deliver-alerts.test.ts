import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { validateAlertEvent } from '#events/validate';
import type { AlertEvent } from '#events/alert-event.schema';
import { addIntegration, listIntegrations } from '#shared/alerts/integrations';
import { changeFindingStatus, listFindings, recordFindings } from '#shared/findings/store';
import type { FindingCandidate } from '#shared/findings/candidate';
import { inventoryKeys } from '#shared/tables/keys';
import { DEMO_ROUTING_KEY } from '#local/demo/demo-alerts';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { startNotifier, until, type Notifier } from './notifier-harness.ts';

const { clients, names } = localEnv();
const findings = { doc: clients.doc, tableName: names.findingsTable };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function candidate(path: string, severity: FindingCandidate['severity'] = 'high'): FindingCandidate {
  return {
    type: 'shadow-endpoint',
    severity,
    subject: `api.example.com GET ${path}`,
    host: 'api.example.com',
    method: 'GET',
    path,
    evidence: { calls: 3 },
    firstSeen: '2024-05-01T12:00:00.000Z',
    lastSeen: '2024-05-01T12:00:00.000Z',
    occurrences: 3,
  };
}

/** Adds a webhook, a Slack channel and a PagerDuty service on the sink, each under its own path. */
async function connect(notifier: Notifier, tenant: string): Promise<void> {
  const { sink, store } = notifier;
  const now = new Date();
  await addIntegration(store, tenant, { type: 'webhook', url: sink.webhookUrl(tenant), secret: SECRET }, now);
  await addIntegration(store, tenant, { type: 'slack', url: sink.slackUrl(`T/B/${tenant}`) }, now);
  await addIntegration(
    store,
    tenant,
    { type: 'pagerduty', url: sink.pagerDutyUrl, routingKey: DEMO_ROUTING_KEY },
    now,
  );
}

const webhooks = (notifier: Notifier, tenant: string) =>
  notifier.sink.records('webhook').filter((r) => r.path === `/webhooks/${tenant}`);
const bodies = (notifier: Notifier, tenant: string) =>
  webhooks(notifier, tenant).map((r) => JSON.parse(r.body) as AlertEvent);

describe('deliver-alerts on the local streams (DynamoDB Local, alert sink)', () => {
  let notifier: Notifier;
  beforeAll(async () => {
    notifier = await startNotifier({ burstLimit: 20 });
  });
  afterAll(async () => {
    await notifier.stop();
  });

  it('delivers a verifiable finding.opened to the webhook, Slack and PagerDuty within seconds of the finding', async () => {
    const tenant = uniqueTenant('opened');
    await connect(notifier, tenant);
    const written = Date.now();

    await recordFindings(findings, tenant, [candidate('/debug')], new Date().toISOString());

    const [record] = await until(
      () => webhooks(notifier, tenant),
      (r) => r.length > 0,
    );
    expect(Date.parse(record!.at) - written).toBeLessThan(5000);
    const event = new Webhook(SECRET).verify(record!.body, record!.headers) as AlertEvent;
    expect(validateAlertEvent(event)).toBe(true);
    expect(event.type).toBe('finding.opened');
    expect(event.data.finding).toMatchObject({
      host: 'api.example.com',
      method: 'GET',
      path: '/debug',
      status: 'open',
    });
    const [stored] = await listFindings(findings, tenant);
    expect(event.data.finding!.id).toBe(stored!.id);
    const slack = await until(
      () => notifier.sink.records('slack').filter((r) => r.path.endsWith(tenant)),
      (r) => r.length > 0,
    );
    expect(slack.map((r) => r.status)).toEqual([200]);
    const incident = notifier.sink.incidents().find((i) => i.dedupKey === stored!.id);
    expect(incident?.status).toBe('triggered');
  });

  it('resolves the PagerDuty incident when the finding is resolved', async () => {
    const tenant = uniqueTenant('resolve');
    await connect(notifier, tenant);
    await recordFindings(findings, tenant, [candidate('/admin', 'critical')], new Date().toISOString());
    const [stored] = await listFindings(findings, tenant);
    await until(
      () => notifier.sink.incidents().find((i) => i.dedupKey === stored!.id),
      (i) => i?.status === 'triggered',
    );

    await changeFindingStatus(findings, tenant, stored!.id, 'resolve', {
      by: 'alice',
      reason: 'route removed',
      at: new Date().toISOString(),
    });

    const incident = await until(
      () => notifier.sink.incidents().find((i) => i.dedupKey === stored!.id),
      (i) => i?.status === 'resolved',
    );
    expect(incident?.status).toBe('resolved');
    const resolves = notifier.sink
      .records('pagerduty')
      .map((r) => JSON.parse(r.body) as Record<string, unknown>)
      .filter((e) => e.dedup_key === stored!.id);
    expect(resolves.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
    await until(
      () => bodies(notifier, tenant),
      (b) => b.length >= 2,
    );
    expect(bodies(notifier, tenant).map((b) => b.type)).toEqual(['finding.opened', 'finding.resolved']);
  });

  it('sends nothing twice when the stream redelivers a batch', async () => {
    const tenant = uniqueTenant('redeliver');
    await connect(notifier, tenant);
    await recordFindings(findings, tenant, [candidate('/a'), candidate('/b')], new Date().toISOString());
    const stored = await listFindings(findings, tenant);
    const sent = () => [
      webhooks(notifier, tenant).length,
      notifier.sink.records('slack').filter((r) => r.path.endsWith(tenant)).length,
      notifier.sink.incidents().filter((i) => stored.some((f) => f.id === i.dedupKey)).length,
    ];
    await until(sent, (counts) => counts.every((n) => n >= 2));
    const before = notifier.sink.records().length;
    const batches = notifier.invocations.filter((e) => JSON.stringify(e).includes(`TENANT#${tenant}#`));
    expect(batches.length).toBeGreaterThan(0);

    for (const batch of batches) await notifier.invoke(batch);

    expect(notifier.sink.records().length).toBe(before);
    expect(new Set(webhooks(notifier, tenant).map((r) => r.headers['webhook-id'])).size).toBe(2);
  });

  it('folds a burst of 300 new findings into a few digests that cover every one', async () => {
    const tenant = uniqueTenant('burst');
    await connect(notifier, tenant);
    const candidates = Array.from({ length: 300 }, (_, i) => candidate(`/burst/${i}`, 'medium'));

    await recordFindings(findings, tenant, candidates, new Date().toISOString());

    const covered = (events: AlertEvent[]) =>
      new Set(
        events.flatMap((e) =>
          e.type === 'finding.digest' ? e.data.findings!.map((f) => f.id) : [e.data.finding!.id],
        ),
      );
    const events = await until(
      () => bodies(notifier, tenant),
      (b) => covered(b).size >= 300,
      60_000,
    );
    const digests = events.filter((e) => e.type === 'finding.digest');
    const single = events.filter((e) => e.type === 'finding.opened');
    expect(covered(events).size).toBe(300);
    // 20 a minute: a burst that crosses a minute boundary gets two windows' worth.
    expect([20, 40]).toContain(single.length);
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.length).toBeLessThanOrEqual(5);
    expect(digests.reduce((n, d) => n + d.data.count!, 0)).toBe(300 - single.length);
    for (const d of digests) expect(validateAlertEvent(d)).toBe(true);
    // Slack saw the same folding, not 300 posts: its own minute windows (20 singles each, one or two
    // windows as the burst may cross a minute boundary) plus at most 5 digests.
    const slack = notifier.sink.records('slack').filter((r) => r.path.endsWith(tenant)).length;
    expect(slack).toBeGreaterThanOrEqual(20 + 1);
    expect(slack).toBeLessThanOrEqual(40 + 5);
  }, 90_000);

  it('announces new endpoints as one endpoint.discovered per batch', async () => {
    const tenant = uniqueTenant('endpoints');
    await connect(notifier, tenant);
    for (const path of ['/v2/orders', '/v2/orders/{id}', '/v2/refunds']) {
      await clients.doc.send(
        new PutCommand({
          TableName: names.inventoryTable,
          Item: {
            pk: inventoryKeys.partition(tenant),
            sk: inventoryKeys.endpoint('shop.example.com', 'GET', path),
            kind: 'endpoint',
            host: 'shop.example.com',
            method: 'GET',
            path,
            calls: 1,
          },
        }),
      );
    }

    const events = await until(
      () => bodies(notifier, tenant),
      (b) => b.flatMap((e) => e.data.endpoints ?? []).length >= 3,
    );
    expect(events.every((e) => e.type === 'endpoint.discovered')).toBe(true);
    expect(events.length).toBeLessThanOrEqual(2);
    expect(events.flatMap((e) => e.data.endpoints!.map((x) => x.path)).sort()).toEqual([
      '/v2/orders',
      '/v2/orders/{id}',
      '/v2/refunds',
    ]);
  });

  it('keeps secrets out of the stored integration and shows them only as hints', async () => {
    const tenant = uniqueTenant('hints');
    await connect(notifier, tenant);
    const listed = await listIntegrations(notifier.store, tenant);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(DEMO_ROUTING_KEY);
    expect(text).not.toContain(`T/B/${tenant}`);
    expect(Object.fromEntries(listed.map((i) => [i.type, i.secretHints]))).toEqual({
      webhook: [`…${SECRET.slice(-4)}`],
      slack: undefined,
      pagerduty: [`…${DEMO_ROUTING_KEY.slice(-4)}`],
    });
  });
});
