import fs from 'node:fs';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import { createGateway } from '@fieldops/gateway';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import type { Clock, ServiceDefinition } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import { startTestHost, type TestEngines, type TestHost } from '@fieldops/testing';
import { ticketsService } from '@fieldops/tickets';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildWebAppIfStale } from '../../scripts/build-if-stale';
import { launchChromium } from './chromium';

// The services the screens read from: the lists come from search, a merchant's detail names its open tickets.
const SERVICES = [
  accountService,
  areaService,
  poiService,
  merchantService,
  leadsService,
  fileService,
  checkinService,
  ticketsService,
  searchService,
];

/** Where the tests leave a screenshot of each key screen; CI prints the listing at the end of its log. */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../../test-results/screenshots');

export interface E2e {
  host: TestHost;
  browser: Browser;
  /** What Chromium reported blocked by the pages' Content-Security-Policy, on every page opened so far. */
  policyViolations: string[];
  /** A fresh browser context (own storage, viewport, geolocation) with a page at `path` of the gateway. */
  open(path: string, options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system as a user meets it: every service and the gateway in one embedded host with the demo data,
 * the current build of the web app, and one headless Chromium shared by the tests of a file. `settings.services`
 * adds the services only a suite is about (notifications), or its own configuration of one; `settings.only` runs just
 * the services given (a suite about one path starts faster); `settings.env` the settings it needs (VAPID keys, a map
 * tiles file); `settings.clock` a clock the suite moves (expiries without waiting); `settings.engines` the engines
 * (embedded by default).
 */
export async function startE2e(
  settings: {
    services?: ServiceDefinition[];
    only?: ServiceDefinition[];
    env?: Record<string, string>;
    clock?: Clock;
    engines?: TestEngines;
  } = {},
): Promise<E2e> {
  buildWebAppIfStale();
  const extra = settings.services ?? [];
  // A suite's own configuration of a service (a faster job) takes the place of the default one.
  const services = settings.only ?? [...SERVICES.filter((s) => !extra.some((e) => e.name === s.name)), ...extra];
  const host = await startTestHost({
    services,
    edge: createGateway({ services }),
    seedDemo: true,
    ...(settings.clock ? { clock: settings.clock } : {}),
    ...(settings.engines ? { engines: settings.engines } : {}),
    // Every test signs in from 127.0.0.1: the login budget is not what these tests are about.
    env: { RATE_LIMIT_LOGIN_MAX: '1000', ...settings.env },
  });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const policyViolations: string[] = [];
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    host,
    browser,
    policyViolations,
    async open(route, options = {}) {
      const context = await browser.newContext({ baseURL: host.url, ...options });
      contexts.push(context);
      // The page reports each blocked load itself; an init script is not subject to the page's policy.
      await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
        console.error('Content-Security-Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
      });`);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.text().includes('Content-Security-Policy violation')) policyViolations.push(message.text());
      });
      await page.goto(route);
      return { context, page };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async stop() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await host.stop();
    },
  };
}

/** Fills the shared login form and waits until the app behind it shows. */
export async function signIn(page: Page, email: string, password = 'demo1234'): Promise<void> {
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/password|密码/i).fill(password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
}
