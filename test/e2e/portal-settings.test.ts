/**
 * The portal's settings pages in Chromium on `npm start`: a webhook integration on a local receiver
 * whose "Send test" delivers a payload that verifies with standardwebhooks; a spec upload whose error
 * shows its line; a rule checked as typed and saved; the WAFv2 policy downloaded; an ingest key
 * rotated on onboarding. No console errors throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { ConsoleWatch, launchChromium } from './browser.ts';
import { startStack, type RunningStack } from './local-stack.ts';

let stack: RunningStack;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];
const watch = new ConsoleWatch();
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
// SURVEYOR_SCREENSHOTS=docs/screenshots npm run test:e2e refreshes the screenshots in docs/.
const screenshots = process.env.SURVEYOR_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function demoPage(): Promise<Page> {
  const page = await watch.page(await browser.newContext());
  await page.goto(`${stack.portalUrl}/signin`);
  await page.getByLabel('Email').fill(stack.demo.email);
  await page.getByLabel('Password').fill(stack.demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Inventory' }).waitFor();
  return page;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/surveyor`;
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  // The demo feed delivers a batch every 5 s: wait until the demo tenant has open findings.
  const deadline = Date.now() + 60_000;
  while ((await stack.demoData.findings.list('open')).length === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 1000));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
}, 60_000);

describe('portal settings pages in Chromium, on npm start', () => {
  it('adds a webhook on a local receiver and "Send test" delivers a verifiable payload', async () => {
    const page = await demoPage();
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Add an integration' }).waitFor();
    await page.getByLabel('Type').selectOption('webhook');
    await page.getByLabel('Name').fill('e2e receiver');
    await page.getByLabel('Destination URL').fill('http://169.254.169.254/latest/meta-data');
    await page.getByRole('button', { name: 'Add integration' }).click();
    await page
      .getByRole('alert')
      .getByText(/unsafe destination/)
      .waitFor();

    await page.getByLabel('Destination URL').fill(receiverUrl);
    await page.getByLabel('Signing secret (optional)').fill(SECRET);
    await page.getByRole('button', { name: 'Add integration' }).click();
    const added = (await page.getByText(/^Added webhook integration int_/).textContent())!;
    const id = /int_[0-9a-f]{16}/.exec(added)![0];
    const row = page.getByTestId(`integration-${id}`);
    await expect(row.textContent()).resolves.not.toContain(SECRET.slice(6, 40));
    await row.getByRole('button', { name: 'Send test' }).click();
    await row.getByText(/Test event delivered \(HTTP 204/).waitFor();
    await shot(page, 'integrations');

    const event = new Webhook(SECRET).verify(received.at(-1)!.body, received.at(-1)!.headers) as {
      type: string;
      data: { test?: boolean; finding: { id: string; severity: string } };
    };
    expect([event.type, event.data.test]).toEqual(['finding.opened', true]);
    await page.close();
  });

  // This test and the next re-assess the whole demo tenant on each upload: room for a loaded machine.
  it('shows where an uploaded spec is wrong, then stores a valid one', async () => {
    const page = await demoPage();
    await page.getByRole('link', { name: 'Specs' }).click();
    await page.getByRole('heading', { name: 'Conformance per host' }).waitFor();
    const broken =
      'openapi: 3.0.3\ninfo: { title: Broken, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: ok }\n      parameters:\n        - { name: id, in: nowhere }\n';
    await page.getByLabel('OpenAPI document').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(broken),
    });
    await page.getByRole('button', { name: 'Upload spec' }).click();
    const problem = page.getByTestId('document-problem').first();
    await expect(problem.textContent()).resolves.toMatch(/^Line \d+/);

    const valid =
      'openapi: 3.0.3\ninfo: { title: Status, version: "1" }\nservers: [{ url: "https://status.example.com" }]\npaths:\n  /health:\n    get: { responses: { "200": { description: ok } } }\n';
    await page.getByLabel('OpenAPI document').setInputFiles({
      name: 'status.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(valid),
    });
    await page.getByRole('button', { name: 'Upload spec' }).click();
    await page.getByText(/^Stored spec status: Status 1, 1 operations/).waitFor();
    await page.getByRole('cell', { name: 'status', exact: true }).waitFor();
    expect((await stack.demoData.config.specs()).map((s) => s.name)).toContain('status');
    await shot(page, 'specs');
    await page.close();
  }, 180_000);

  it('checks a rule as it is typed, points at the bad line, and saves it', async () => {
    const page = await demoPage();
    await page.getByRole('link', { name: 'Rules' }).click();
    const editor = page.getByLabel('Rules document (YAML or JSON)');
    await editor.fill(
      'rules:\n  - id: admin\n    category: Admin\n    severity: urgent\n    match: { path: /admin/** }\n',
    );
    await page.getByRole('button', { name: 'Line 4' }).first().waitFor();

    const rules =
      'rules:\n  - id: admin\n    category: Admin paths\n    severity: high\n    action: block\n    match: { path: /admin/** }\n';
    await editor.fill(rules);
    await page.getByText('Valid: 1 rule.').waitFor();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText(/^Saved; \d+ findings now/).waitFor();
    expect((await stack.demoData.config.rules())?.text).toBe(rules);
    await shot(page, 'rules');
    await page.close();
  }, 180_000);

  it('downloads the WAFv2 rule group of an open finding type', async () => {
    const page = await demoPage();
    await page.getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('heading', { name: 'Policy export' }).waitFor();
    await shot(page, 'policy');
    const link = page.getByRole('link', { name: /^Download WAFv2 JSON for / }).first();
    const type = (await link.getAttribute('aria-label'))!.replace('Download WAFv2 JSON for ', '');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const group = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      Name: string;
      Rules: unknown[];
    };
    expect(group.Name).toBe(`surveyor-${type.replace(/[^A-Za-z0-9_-]/g, '-')}`);
    expect(group.Rules.length).toBeGreaterThan(0);
    await page.close();
  });

  it('rotates a new tenant’s account-bound ingest key: the new key shown once and bound alike, the old one revoked', async () => {
    const page = await watch.page(await browser.newContext());
    await page.goto(`${stack.portalUrl}/signup`);
    await page.getByLabel('Email').fill('rotating@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Onboarding' }).waitFor();
    await page.getByLabel('AWS account (optional)').fill('123456789012');
    await page.getByRole('button', { name: 'Create ingest key' }).click();
    const first = (await page.getByTestId('ingest-key').textContent())!;
    await page.reload();
    const oldId = first.split('.')[0]!;
    await page.getByRole('row', { name: new RegExp(`${oldId}.*123456789012.*active`) }).waitFor();
    await page.getByRole('button', { name: `Rotate ${oldId}` }).click();
    const rotated = (await page.getByTestId('rotated-key').textContent())!;
    expect(rotated).toMatch(/^ik_/);
    expect(rotated.split('.')[0]).not.toBe(oldId);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(`${oldId}.*revoked`) }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(`${rotated.split('.')[0]}.*123456789012.*active`) })
      .waitFor();
    await expect(page.getByText(rotated).count()).resolves.toBe(0);
    await page.close();
  });

  it('logged no console errors on any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
