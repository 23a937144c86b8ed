import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';
import { pointsDrawn } from './support/record-fixtures';

describe.runIf(chromiumForTests())('the manager console in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  // Closing Chromium and every service takes a while when the machine runs other suites too.
  afterAll(async () => e2e?.stop(), 120_000);

  it('a wrong password is shown on the form; the right one opens the dashboard', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.sg@fieldops.test', 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');
    await e2e.screenshot(page, 'console-login-refused');

    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('heading', { name: 'Leads by stage' }).waitFor();
    await e2e.screenshot(page, 'console-dashboard');
  }, 60_000);

  it('the map and its list filter each other; a merchant opens with its owner and history from one request', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Map' }).click();
    const list = page.getByRole('list', { name: 'Records in view' });
    await list.getByRole('listitem').first().waitFor();
    const before = await list.getByRole('listitem').count();
    await page.getByRole('checkbox', { name: 'Leads' }).uncheck();
    await expect.poll(() => list.getByRole('listitem').count()).toBeLessThan(before);
    await e2e.screenshot(page, 'console-map');

    const graphql: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphql.push(request.postData() ?? '');
    });
    await list.getByRole('link', { name: 'Open' }).first().click();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    await page.getByRole('list', { name: 'Activity' }).getByText('Created').first().waitFor();
    expect(graphql.filter((body) => body.includes('MerchantDetail'))).toHaveLength(1);
    await expect.poll(() => pointsDrawn(page), { timeout: 30_000 }).toBe(1);
    await e2e.screenshot(page, 'console-merchant-detail');
    // The map (MapLibre's worker included) runs under the gateway's page policy without a violation.
    expect(e2e.policyViolations).toEqual([]);
  }, 60_000);

  it('the API docs render under the page policy, loading nothing it blocks', async () => {
    const { page } = await e2e.open('/api/docs');
    await page.locator('.swagger-ui .info .title').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(e2e.policyViolations).toEqual([]);
  }, 60_000);

  it('a manager draws a new polygon for an area, previews what moves and applies it', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.sg@fieldops.test');
    await page.getByRole('link', { name: 'Areas' }).click();
    const picker = page.getByLabel('Area', { exact: true });
    const district = picker.locator('option', { hasText: '(district)' }).first();
    await district.waitFor({ state: 'attached' });
    const areaId = await district.getAttribute('value');
    expect(areaId).toBeTruthy();
    await picker.selectOption(areaId ?? '');
    await page.getByRole('button', { name: 'Draw a new polygon' }).click();

    const canvas = page.locator('.maplibregl-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map has no canvas');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    for (const [dx, dy] of [
      [-50, -50],
      [50, -50],
      [50, 50],
      [-50, 50],
    ] as const) {
      await page.mouse.click(centre.x + dx, centre.y + dy);
    }
    const corners = page.getByRole('img', { name: /^Corner \d+$/ });
    await expect.poll(() => corners.count()).toBe(4);
    // Drag the third corner outwards: the drawn polygon follows it.
    const third = await corners.nth(2).boundingBox();
    if (!third) throw new Error('corner 3 is not on screen');
    await page.mouse.move(third.x + third.width / 2, third.y + third.height / 2);
    await page.mouse.down();
    await page.mouse.move(centre.x + 80, centre.y + 80, { steps: 5 });
    await page.mouse.up();
    await e2e.screenshot(page, 'console-area-drawn');

    await page.getByRole('button', { name: 'Preview the change' }).click();
    await page.getByRole('heading', { name: 'What would move' }).waitFor();
    await e2e.screenshot(page, 'console-area-preview');
    await page.getByRole('button', { name: 'Apply this change' }).click();
    await page.getByText(/now has its new polygon/).waitFor();

    const token = await e2e.host.login('countrymanager.sg@fieldops.test');
    const area = await e2e.host.api('GET', `/api/v1/areas/${areaId}`, { token });
    expect(area.body.geometry.type).toBe('Polygon');
    const ring: [number, number][] = area.body.geometry.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    // The dragged corner sits further from the first one than the others do: the move was applied, not only drawn.
    const [first, , dragged] = ring;
    expect(first && dragged && Math.abs(dragged[0] - first[0])).toBeGreaterThan(0);
    expect(area.body.version).toBeGreaterThan(1);

    // The new polygon can be edited corner by corner; a keyboard user adds a corner where the map is centred.
    await page.getByRole('button', { name: 'Edit its corners' }).click();
    await expect.poll(() => corners.count()).toBe(4);
    await page.getByRole('button', { name: 'Add a corner at the map centre' }).click();
    await expect.poll(() => corners.count()).toBe(5);
  }, 90_000);

  it('an admin creates a user; the fields the API refuses are marked with its message beside them', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'admin@fieldops.test');
    await page.getByRole('link', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('Siti Rahman');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Create' }).click();
    const email = form.getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/email/);
    expect(await form.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    // The org unit left unpicked is said in words, not by the validator's format name.
    await form.getByText('choose one from the list').waitFor();
    expect(await form.getByText(/must match/).count()).toBe(0);
    await e2e.screenshot(page, 'console-admin-field-errors');

    await email.fill('siti.rahman@fieldops.test');
    await form.getByLabel('Password').fill('a long enough password');
    await form.getByLabel('Org unit').selectOption({ index: 1 });
    await form.getByLabel('Role').selectOption({ label: 'rep' });
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Siti Rahman can now sign in.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBeNull();
  }, 60_000);

  it('a manager of China sees the console in Simplified Chinese', async () => {
    const { page } = await e2e.open('/');
    await signIn(page, 'countrymanager.cn@fieldops.test');
    await page.getByRole('heading', { name: '概览', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('navigation').textContent()).toContain('商户');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    await page.getByRole('link', { name: '线索', exact: true }).click();
    await page.getByRole('heading', { name: '线索', exact: true }).waitFor();
    await e2e.screenshot(page, 'console-zh-CN-leads');
  }, 60_000);

  it('the gateway serves deep links of both apps, and still answers the API with problem+json', async () => {
    const deepLink = await fetch(`${e2e.host.url}/merchants/some-id`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>FieldOps console</title>');
    expect(deepLink.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(deepLink.headers.get('x-content-type-options')).toBe('nosniff');
    const field = await fetch(`${e2e.host.url}/field/nearby`);
    expect(await field.text()).toContain('manifest.webmanifest');
    const api = await fetch(`${e2e.host.url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const missingAsset = await fetch(`${e2e.host.url}/assets/gone-1234.js`);
    expect(missingAsset.status).toBe(404);
  });
});
