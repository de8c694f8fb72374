/**
 * Debian's Chromium driven by playwright-core (no downloaded browser): CHROMIUM_PATH or
 * /usr/bin/chromium. Every page records console errors and uncaught exceptions, so a test can
 * assert the portal logs none.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export class ConsoleWatch {
  readonly errors: string[] = [];

  /** A new page in `context` whose console errors are recorded (unless `expected` matches them). */
  async page(context: BrowserContext, expected?: RegExp): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !(expected && expected.test(message.text())))
        this.errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`));
    return page;
  }
}
