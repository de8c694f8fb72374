import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_DESTINATIONS } from '#shared/alerts/destination';
import { IntegrationNotFoundError } from '#shared/alerts/integrations';
import { localSealer } from '#shared/alerts/secret-sealer';
import { destinationVetter, vettedTransport } from '#shared/alerts/vetted-net';
import { recordFindings } from '#shared/findings/store';
import { authenticatedTenant, tenantData } from '#shared/tenancy/tenant-data';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { startNotifier, until, type Notifier } from './notifier-harness.ts';

const { clients, names } = localEnv();

function dataOf(tenant: string, notifier: Notifier) {
  return tenantData(authenticatedTenant(tenant, 'alice@example.com'), {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    findingsTable: names.findingsTable,
    alerts: {
      alertsTable: names.alertsTable,
      sealer: notifier.store.sealer,
      policy: LOCAL_DESTINATIONS,
      vetter: destinationVetter(LOCAL_DESTINATIONS),
      transport: vettedTransport(LOCAL_DESTINATIONS),
      portalUrl: 'http://127.0.0.1:18199',
    },
  });
}

const candidate = (path: string) => ({
  type: 'shadow-endpoint' as const,
  severity: 'high' as const,
  subject: `api.example.com GET ${path}`,
  host: 'api.example.com',
  method: 'GET',
  path,
  evidence: { calls: 1 },
  occurrences: 1,
});

describe('integrations through the tenant-scoped data access module', () => {
  let notifier: Notifier;
  let gone: Server;
  let goneUrl: string;
  let goneHits = 0;
  beforeAll(async () => {
    notifier = await startNotifier();
    gone = createServer((req, res) => {
      goneHits++;
      req.resume();
      res.writeHead(410).end('gone');
    });
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    goneUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await notifier.stop();
    await new Promise((resolve) => gone.close(resolve));
  });

  it("never shows or removes another tenant's integrations", async () => {
    const acme = dataOf(uniqueTenant('acme'), notifier);
    const globex = dataOf(uniqueTenant('globex'), notifier);
    const { integration } = await acme.integrations.add({
      type: 'webhook',
      url: notifier.sink.webhookUrl('x'),
    });

    expect(await globex.integrations.list()).toEqual([]);
    await expect(globex.integrations.remove(integration.id)).rejects.toThrow(IntegrationNotFoundError);
    await expect(globex.integrations.sendTest(integration.id)).rejects.toThrow(IntegrationNotFoundError);
    expect((await acme.integrations.list()).map((i) => i.id)).toEqual([integration.id]);
  });

  it('returns a generated signing secret once and sends a test that reports the answer', async () => {
    const data = dataOf(uniqueTenant('test'), notifier);
    const { integration, generatedSecret } = await data.integrations.add({
      type: 'webhook',
      url: notifier.sink.webhookUrl('test-button'),
    });
    expect(generatedSecret).toMatch(/^whsec_/);
    expect(JSON.stringify(await data.integrations.list())).not.toContain(generatedSecret!);

    expect(await data.integrations.sendTest(integration.id)).toMatchObject({
      kind: 'delivered',
      status: 204,
    });
    const [sent] = notifier.sink.records('webhook').filter((r) => r.path === '/webhooks/test-button');
    expect(JSON.parse(sent!.body)).toMatchObject({ type: 'finding.opened', data: { test: true } });
  });

  it('disables an integration whose receiver answers 410 and keeps the dead letter with the reason', async () => {
    const tenant = uniqueTenant('gone');
    const data = dataOf(tenant, notifier);
    const { integration } = await data.integrations.add({ type: 'webhook', url: goneUrl });
    const findings = { doc: clients.doc, tableName: names.findingsTable };

    await recordFindings(findings, tenant, [candidate('/one')], new Date().toISOString());
    const letters = await until(
      () => data.integrations.deadLetters(),
      (l) => l.length > 0,
    );

    expect(letters[0]).toMatchObject({ integrationId: integration.id, type: 'finding.opened', status: 410 });
    expect(letters[0]!.reason).toContain('410 Gone');
    const [listed] = await data.integrations.list();
    expect(listed).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('410') });
    const hits = goneHits;
    await recordFindings(findings, tenant, [candidate('/two')], new Date().toISOString());
    await new Promise((r) => setTimeout(r, 3000));
    expect(goneHits).toBe(hits);
  });

  it('refuses to open a sealed secret with another local key', async () => {
    const tenant = uniqueTenant('keys');
    const data = dataOf(tenant, notifier);
    const { integration } = await data.integrations.add({
      type: 'webhook',
      url: notifier.sink.webhookUrl('k'),
    });
    const other = tenantData(authenticatedTenant(tenant, 'mallory'), {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      findingsTable: names.findingsTable,
      alerts: {
        alertsTable: names.alertsTable,
        sealer: localSealer(randomBytes(32)),
        policy: LOCAL_DESTINATIONS,
        vetter: destinationVetter(LOCAL_DESTINATIONS),
        transport: vettedTransport(LOCAL_DESTINATIONS),
        portalUrl: 'http://127.0.0.1:18199',
      },
    });
    await expect(other.integrations.sendTest(integration.id)).rejects.toThrow('does not open');
  });
});
