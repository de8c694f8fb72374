/**
 * The portal's "done when", in a real browser: `npm start`'s banner gives the portal and the demo
 * sign-in; the demo inventory in the browser is the one the tenant-scoped module reads; a finding is
 * acknowledged; a viewer invited by the owner cannot change anything; a fresh sign-up gets an empty
 * tenant, an ingest key once, and 404 for every id of the demo tenant; no console errors throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ConsoleWatch, launchChromium } from './browser.ts';
import { startStack, type RunningStack } from './local-stack.ts';

let stack: RunningStack;
let browser: Browser;
const watch = new ConsoleWatch();
// SURVEYOR_SCREENSHOTS=docs/screenshots npm run test:e2e refreshes the screenshots in docs/.
const screenshots = process.env.SURVEYOR_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${stack.portalUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Inventory' }).waitFor();
}

const identity = (e: { host: string; method: string; path: string }) => `${e.host} ${e.method} ${e.path}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  // The demo feed delivers a batch every 5 s: wait until the demo tenant has endpoints and findings.
  const deadline = Date.now() + 60_000;
  while (
    ((await stack.demoData.inventory.page({ limit: 1 })).endpoints.length === 0 ||
      (await stack.demoData.findings.list('open')).length === 0) &&
    Date.now() < deadline
  )
    await new Promise((resolve) => setTimeout(resolve, 1000));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('portal in Chromium, on npm start', () => {
  it('prints the Portal line with the demo sign-in in the banner', () => {
    expect(stack.banner).toMatch(
      /^Portal {4}http:\/\/127\.0\.0\.1:\d+ {3}demo sign-in demo@surveyor\.local \/ \S+$/m,
    );
  });

  it('signs the demo account in and shows the inventory tenantData reads for the demo tenant', async () => {
    const page = await watch.page(await browser.newContext());
    await signIn(page, stack.demo.email, stack.demo.password);
    await page.getByRole('link', { name: 'Findings' }).waitFor();
    const before = (await stack.demoData.inventory.page({ limit: 50 })).endpoints.map(identity);
    await page.goto(`${stack.portalUrl}/inventory`);
    const rows = await page
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')),
      );
    const after = (await stack.demoData.inventory.page({ limit: 50 })).endpoints.map(identity);
    const shown = rows.map(([host, method, path]) => `${host} ${method} ${path}`);
    // The demo feed may add an endpoint between the reads: the page equals one of them.
    expect([before, after]).toContainEqual(shown);
    expect(shown.length).toBeGreaterThan(0);

    await page.locator('tbody tr td a').first().click();
    await page.getByRole('heading', { name: 'Related findings' }).waitFor();
    const [host, method, path] = rows[0]!;
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      `${method} ${host}${path}`,
    );
    await page.close();
  });

  it('filters the demo inventory from the form, and opens an endpoint with its charts and findings', async () => {
    const page = await watch.page(await browser.newContext());
    await signIn(page, stack.demo.email, stack.demo.password);
    await page.goto(`${stack.portalUrl}/inventory`);
    const scheme = (await stack.demoData.inventory.page({ limit: 1 })).endpoints[0]!.classification!.auth[0]!;
    await page.getByLabel('Auth scheme').selectOption(scheme);
    await page.getByLabel('Sort by').selectOption('calls');
    const query = { auth: scheme, sort: 'calls', limit: 50 };
    const before = (await stack.demoData.inventory.page(query)).endpoints.map(identity);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`auth=${scheme}.*sort=calls`));
    const rows = await page
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent ?? '')),
      );
    const after = (await stack.demoData.inventory.page(query)).endpoints.map(identity);
    expect(rows.length).toBeGreaterThan(0);
    // The demo feed keeps counting calls, so the order may shift between reads: compare the sets,
    // and check the page itself is in descending calls.
    const shown = rows.map(([host, method, path]) => `${host} ${method} ${path}`).sort();
    expect([before.sort(), after.sort()]).toContainEqual(shown);
    const calls = rows.map((r) => Number(r[3]!.replace(/,/g, '')));
    expect(calls).toEqual([...calls].sort((x, y) => y - x));
    // The choices stay in the form after the round trip through the URL.
    await expect(page.getByLabel('Auth scheme').inputValue()).resolves.toBe(scheme);
    await shot(page, 'inventory');

    const finding = (await stack.demoData.findings.list('open')).find((f) => f.method !== undefined)!;
    const endpoint = (await stack.demoData.inventory.page({ host: finding.host, limit: 200 })).endpoints.find(
      (e) => e.method === finding.method && e.path === finding.path,
    )!;
    await page.goto(`${stack.portalUrl}/inventory/${endpoint.id}`);
    await page.getByRole('heading', { name: 'Calls over time' }).waitFor();
    await expect(page.getByRole('img', { name: /^Calls per day from / }).count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Calls by status class' }).count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Calls by auth scheme' }).count()).resolves.toBe(1);
    await expect(page.locator(`a[href="/findings/${finding.id}"]`).count()).resolves.toBe(1);
    await shot(page, 'endpoint');
    await page.close();
  });

  it('acknowledges a finding with a reason as the demo owner', async () => {
    const page = await watch.page(await browser.newContext());
    await signIn(page, stack.demo.email, stack.demo.password);
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=open/);
    await shot(page, 'findings');
    await page.locator('tbody tr td a').first().click();
    await page.getByRole('heading', { name: 'Triage' }).waitFor();
    const id = page.url().split('/').pop()!;
    await page.getByLabel('New status').selectOption('acknowledged');
    await page.getByLabel('Reason').fill('Known; tracked in OPS-42');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('Status is now acknowledged.').waitFor();
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByRole('row').filter({ hasText: 'open → acknowledged' }).waitFor();
    await expect(trail.getByRole('row').nth(1).textContent()).resolves.toContain(
      `${stack.demo.email}open → acknowledgedKnown; tracked in OPS-42`,
    );
    await shot(page, 'finding');
    const stored = await stack.demoData.findings.get(id);
    expect(stored).toMatchObject({
      status: 'acknowledged',
      statusBy: stack.demo.email,
      statusReason: 'Known; tracked in OPS-42',
    });
    await page.close();
  });

  it('lets the owner invite a viewer who can read findings but not change them', async () => {
    const owner = await watch.page(await browser.newContext());
    await signIn(owner, stack.demo.email, stack.demo.password);
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('heading', { name: 'Members' }).waitFor();
    await owner.getByLabel('Email').fill('viewer@demo.example');
    await owner.getByLabel(/^Role/).selectOption('viewer');
    await owner.getByRole('button', { name: 'Invite' }).click();
    const link = (await owner.locator('.secret').first().textContent())!;
    expect(link).toMatch(/^\/signup\?invite=inv_/);
    await shot(owner, 'settings');

    const viewer = await watch.page(await browser.newContext());
    await viewer.goto(`${stack.portalUrl}${link}`);
    await viewer.getByLabel('Password').fill('viewer password 123');
    await viewer.getByRole('button', { name: 'Sign up' }).click();
    await viewer.getByRole('link', { name: 'Inventory' }).waitFor();
    await expect(viewer.getByText('viewer@demo.example · tenant demo · viewer').count()).resolves.toBe(1);
    const finding = (await stack.demoData.findings.list('open'))[0]!;
    await viewer.goto(`${stack.portalUrl}/findings/${finding.id}`);
    await viewer.getByText('Your role is viewer').waitFor();
    await expect(viewer.getByRole('button', { name: 'Change status' }).count()).resolves.toBe(0);
    // A page of its own, whose expected 403 in the console is not counted as an error.
    const probe = await watch.page(viewer.context(), /status of 403/);
    await probe.goto(`${stack.portalUrl}/inventory`);
    const attempt = await probe.evaluate(async (id) => {
      const response = await fetch(`/api/v1/findings/${id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'resolved', reason: 'viewer tries' }),
      });
      return response.status;
    }, finding.id);
    expect(attempt).toBe(403);
    expect((await stack.demoData.findings.get(finding.id))?.status).toBe('open');
    await owner.close();
    await viewer.close();
  });

  it('gives a fresh sign-up an empty tenant, an ingest key once, and 404 for every demo id', async () => {
    const context = await browser.newContext();
    const page = await watch.page(context);
    await page.goto(`${stack.portalUrl}/signup`);
    await page.getByLabel('Email').fill('new.customer@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Onboarding' }).waitFor();
    await page.getByText('No data received yet.').waitFor();
    await page.getByRole('button', { name: 'Create ingest key' }).click();
    const key = (await page.getByTestId('ingest-key').textContent())!;
    expect(key).toMatch(/^ik_/);
    await expect(
      page.locator('pre').filter({ hasText: 'npx surveyor keys create --tenant t-' }).count(),
    ).resolves.toBe(1);
    await shot(page, 'onboarding');
    await page.reload();
    await expect(page.getByText(key).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Inventory' }).click();
    await page.getByText('No traffic yet.').waitFor();
    await page.getByRole('link', { name: 'Findings' }).click();
    await page.getByText('No findings yet.').waitFor();

    const endpoints = (await stack.demoData.inventory.page({ limit: 5 })).endpoints.map((e) => e.id);
    const findings = (await stack.demoData.findings.list()).slice(0, 5).map((f) => f.id);
    // The probes run in a page of their own, whose expected 404s in the console are not errors.
    const probe = await watch.page(context, /status of 404/);
    await probe.goto(`${stack.portalUrl}/inventory`);
    const statuses = await probe.evaluate(
      async ({ endpoints, findings }) => {
        const get = async (url: string) => (await fetch(url)).status;
        const post = async (url: string) =>
          (
            await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ status: 'suppressed', reason: 'probe' }),
            })
          ).status;
        return [
          ...(await Promise.all(endpoints.map((id) => get(`/api/v1/endpoints/${id}`)))),
          ...(await Promise.all(findings.map((id) => get(`/api/v1/findings/${id}`)))),
          ...(await Promise.all(findings.map((id) => post(`/api/v1/findings/${id}/status`)))),
        ];
      },
      { endpoints, findings },
    );
    expect(statuses).toEqual(statuses.map(() => 404));
    const response = await probe.goto(`${stack.portalUrl}/inventory/${endpoints[0]}`);
    expect(response?.status()).toBe(404);
    const list = await page.evaluate(
      async () => (await (await fetch('/api/v1/endpoints')).json()) as unknown,
    );
    expect(list).toEqual({ endpoints: [], nextCursor: null });
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
