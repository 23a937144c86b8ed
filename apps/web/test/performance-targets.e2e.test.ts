import { performanceService } from '@fieldops/performance';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, startE2e } from './support/e2e-host';
import { DESKTOP, fitsWidth, inChinese, PHONE, signedIn, tooWide } from './support/record-fixtures';

/** The month of now in Singapore, as YYYY-MM. */
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Singapore' }).format(new Date()).slice(0, 7);

/** The performance page on leads converted (no target yet), with the targets editor opened on it. */
async function openEditor(page: Page, summary = 'Set targets'): Promise<Locator> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.toolbar select').first().selectOption('leads-converted');
  await page.getByText(summary, { exact: true }).click();
  const editor = page.locator('.targets-editor');
  await editor.locator('form').waitFor();
  return editor;
}

/** The share the preview shows for a rep, once the preview for the form as it stands has come. */
const shareIn = (editor: Locator, name: string) => editor.getByRole('row').filter({ hasText: name }).getByRole('cell').last();

describe.runIf(chromiumForTests())('targets editor in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ services: [performanceService] });
  }, 300_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('a team lead sets their team’s target by weight, sees each rep’s share first, and the figures show it (desktop)', async () => {
    const lead = await e2e.host.login('teamlead1.sg@fieldops.test');
    const rep = (await e2e.host.api('GET', '/api/v1/me', { token: await e2e.host.login('rep1.sg@fieldops.test') })).body.user;
    const page = await signedIn(e2e, '/performance', 'teamlead1.sg@fieldops.test', DESKTOP);
    const editor = await openEditor(page);
    const team = (await editor.getByLabel('Team', { exact: true }).locator('option:checked').textContent()) ?? '';
    expect(team).not.toBe('');
    expect(await editor.getByLabel(/^Period/).inputValue()).toBe(thisMonth());
    expect(await editor.getByLabel('Metric', { exact: true }).inputValue()).toBe('leads-converted');

    // A bad value is named beside its field, by the server's own checks.
    await editor.getByLabel('Team target').fill('-5');
    await editor.getByText('must be at least 0').waitFor();

    await editor.getByLabel('Team target').fill('20');
    await editor.getByLabel('By weight').check();
    const repRows = editor.locator('tbody tr');
    expect(await repRows.count()).toBe(5);
    await editor.getByLabel(`Weight of ${rep.name}`).fill('0');
    await editor.getByRole('row').filter({ hasText: rep.name }).getByText('must be at least 1').waitFor();
    // 20 by weights 3, 1, 1, 1, 1: the server's split gives 8 and four times 3.
    await editor.getByLabel(`Weight of ${rep.name}`).fill('3');
    await expect.poll(() => shareIn(editor, rep.name).textContent()).toBe('8');
    await expect
      .poll(() => editor.locator('tbody td:last-child').allTextContents())
      .toEqual(expect.arrayContaining(['8', '3', '3', '3', '3']));
    await expect.poll(() => editor.locator('tfoot td').last().textContent()).toBe('20');
    // The preview stored nothing: the team has no target yet.
    const figure = async (subject: string) =>
      (
        await e2e.host.api('GET', `/api/v1/performance/figures?metric=leads-converted&period=${thisMonth()}&subject=${subject}`, {
          token: lead,
        })
      ).body.items[0];
    expect((await figure(`user:${rep.id}`)).target).toBeUndefined();
    await e2e.screenshot(page, 'console-targets-preview-desktop');

    await editor.getByRole('button', { name: 'Save targets' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Targets saved for ${team}: 20.` })
      .waitFor();
    expect((await figure(`user:${rep.id}`)).target).toBe(8);
    // The page's figures are read again: the team's row shows its new target.
    await page.getByRole('row').filter({ hasText: team }).getByRole('cell', { name: '20', exact: true }).waitFor();
    expect(e2e.policyViolations).toEqual([]);
    await e2e.screenshot(page, 'console-targets-saved-desktop');
  }, 150_000);

  it('a city manager sets one of their teams’ target on a phone, the page no wider than the screen (phone)', async () => {
    const page = await signedIn(e2e, '/performance', 'citymanager1.sg@fieldops.test', PHONE);
    const editor = await openEditor(page);
    await editor.getByLabel('Team', { exact: true }).selectOption({ label: 'Central Region South' });
    await editor.getByLabel('Team target').fill('9');
    await editor.getByLabel('By weight').check();
    const first = editor.locator('tbody tr').first().getByRole('spinbutton');
    await first.fill('2');
    await expect.poll(() => editor.locator('tfoot td').last().textContent()).toBe('9');
    const shares = (await editor.locator('tbody td:last-child').allTextContents()).map(Number);
    expect(shares.reduce((sum, s) => sum + s, 0)).toBe(9);
    expect(await fitsWidth(page), await tooWide(page)).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'console-targets-preview-phone');
    await editor.getByRole('button', { name: 'Save targets' }).click();
    await page.getByRole('status').filter({ hasText: 'Targets saved for Central Region South: 9.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Central Region South' }).getByRole('cell', { name: '9', exact: true }).waitFor();
    await e2e.screenshot(page, 'console-targets-saved-phone');
  }, 150_000);

  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`the editor in Chinese shows the shares in the same way (${size})`, async () => {
      const page = await signedIn(e2e, '/performance', 'citymanager1.sg@fieldops.test', inChinese(options), true);
      const editor = await openEditor(page, '设定目标');
      await editor.getByLabel('团队目标').fill('12');
      await expect.poll(() => editor.locator('tfoot td').last().textContent()).toBe('12');
      if (size === 'phone') expect(await fitsWidth(page), await tooWide(page)).toBeLessThanOrEqual(360);
      await e2e.screenshot(page, `console-targets-zh-${size}`);
    }, 120_000);
  }

  it('a rep has no targets editor', async () => {
    const page = await signedIn(e2e, '/performance', 'rep1.sg@fieldops.test', DESKTOP);
    await page.getByRole('heading', { name: 'Performance', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    expect(await page.getByText('Set targets').count()).toBe(0);
    expect(await page.locator('.targets-editor').count()).toBe(0);
  }, 90_000);
});
