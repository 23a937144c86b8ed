import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const required = process.env.CI === 'true' || process.env.FIELDOPS_REQUIRE_ENGINES === 'true';

/**
 * Whether the browser suites run here: when Chromium is installed. In CI it is required, so a missing one fails the
 * launch instead of leaving the suites out; elsewhere they are left out with a plain notice.
 */
export function chromiumForTests(): boolean {
  if (required || fs.existsSync(CHROMIUM_PATH)) return true;
  console.warn(`[fieldops] Chromium is not installed at ${CHROMIUM_PATH}: the browser tests were NOT run here (CI runs them)`);
  return false;
}

/**
 * Headless and cut off from Google's background services. Playwright starts it in a fresh temporary profile
 * (user-data-dir) and removes it on close; each test opens its own context (viewport, geolocation, offline).
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is required for the browser tests but is missing at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
