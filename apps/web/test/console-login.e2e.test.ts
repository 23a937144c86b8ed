import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eBrowsers } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

describe.each(e2eBrowsers())('the web app in $name', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  afterAll(async () => e2e?.stop());

  it('a wrong password is shown on the form; the right one opens the dashboard', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.sg@fieldops.test', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');
    await e2e.screenshot(page, 'console-login-refused');

    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').count()).toBeGreaterThan(3);
    await e2e.screenshot(page, 'console-dashboard');
  }, 60_000);

  it('a rep signs in to the field app on a 360 px wide phone and sees the day', async () => {
    const { page } = await e2e.open('/field/', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, 'rep1.sg@fieldops.test');
    await page.getByRole('heading', { name: 'My day' }).waitFor();
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'field-my-day');
  }, 60_000);

  it('the API and a deep link of each app are served by the gateway', async () => {
    const deepLink = await fetch(`${e2e.host.url}/merchants/some-id`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>FieldOps console</title>');
    const field = await fetch(`${e2e.host.url}/field/nearby`);
    expect(await field.text()).toContain('manifest.webmanifest');
    const api = await fetch(`${e2e.host.url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
