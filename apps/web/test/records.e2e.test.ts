import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, startE2e } from './support/e2e-host';
import {
  answeredLeadVisit,
  DESKTOP,
  fitsWidth,
  flaggedVisit,
  inChinese,
  PHONE,
  pointsDrawn,
  signedIn,
  tooWide,
} from './support/record-fixtures';

describe.runIf(chromiumForTests())('records people can act on, in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('a visit page shows both points, the distance, the answers, a photo that opens large and the signals in words', async () => {
    const name = 'Visit Detail Grocer';
    const visit = await flaggedVisit(e2e, 'rep4.sg@fieldops.test', name, { lat: 1.3048, lng: 103.8318 });

    // The manager follows a notice's link (`/console/visits/{id}`).
    const page = await signedIn(e2e, `/console/visits/${visit.id}`, 'countrymanager.sg@fieldops.test', DESKTOP);
    await page.getByRole('heading', { name: `Visit to ${name}` }).waitFor();
    await page.getByText('The rep checked in 2000 m from the shop, outside the allowed radius.').waitFor();
    expect(await page.getByText('far-from-target').count()).toBe(0);
    await page.getByText('Is the payment terminal working?').waitFor();
    expect(await page.locator('dd').allTextContents()).toEqual(expect.arrayContaining(['Yes', 'worn', '17', 'Met the owner', '2 km']));
    await page.getByRole('link', { name }).waitFor();
    // The map draws the rep's point and the shop's.
    await page.getByRole('region', { name: `Where the rep stood and where ${name} is` }).waitFor();
    await expect.poll(() => pointsDrawn(page), { timeout: 30_000 }).toBe(2);
    const photo = page.getByRole('button', { name: `Enlarge: Photo 1 taken at ${name}` });
    await photo.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(640);
    await e2e.screenshot(page, 'records-visit-photo-enlarged');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await e2e.screenshot(page, 'records-visit-console');

    const chinese = await signedIn(e2e, `/console/visits/${visit.id}`, 'countrymanager.sg@fieldops.test', inChinese(DESKTOP), true);
    await chinese.getByRole('heading', { name: `拜访 ${name}` }).waitFor();
    await chinese.getByText('业务员在距门店 2000 米处签到，超出允许范围。').waitFor();
    await e2e.screenshot(chinese, 'records-visit-console-zh');

    // The rep reads the same visit on the phone, from the last visits of the day.
    const phone = await signedIn(e2e, `/field/visits/${visit.id}`, 'rep4.sg@fieldops.test', PHONE);
    await phone.getByRole('heading', { name: `Visit to ${name}` }).waitFor();
    await phone.getByText('Waiting for review').waitFor();
    expect(await fitsWidth(phone), await tooWide(phone)).toBeLessThanOrEqual(360);
    await expect.poll(() => pointsDrawn(phone), { timeout: 30_000 }).toBe(2);
    await e2e.screenshot(phone, 'records-visit-field');
    const phoneZh = await signedIn(e2e, `/field/visits/${visit.id}`, 'rep4.sg@fieldops.test', inChinese(PHONE), true);
    await phoneZh.getByText('待审核').first().waitFor();
    await expect.poll(() => pointsDrawn(phoneZh), { timeout: 30_000 }).toBe(2);
    await e2e.screenshot(phoneZh, 'records-visit-field-zh');

    // A visit left open at another shop is not what this shop's check-in button opens: the rep chooses.
    await phone.evaluate(
      `localStorage.setItem('fieldops.openVisit', JSON.stringify({ id: '${visit.id}', targetType: 'merchant', targetId: 'elsewhere', targetName: 'Other Shop', checkedInAt: new Date().toISOString() }))`,
    );
    await phone.goto(`/field/visit/merchant/${visit.merchantId}?name=${encodeURIComponent(name)}`);
    const other = phone.getByRole('alert').filter({ hasText: 'You are still checked in at Other Shop' });
    await other.waitFor();
    expect(await phone.getByRole('button', { name: 'Check out' }).count()).toBe(0);
    await e2e.screenshot(phone, 'records-field-other-visit-open');
    await other.getByRole('button', { name: 'Discard it on this phone' }).click();
    await phone.getByRole('button', { name: 'Check in' }).waitFor();

    // Outside the rep's scope the visit is not found.
    const outsider = await signedIn(e2e, `/field/visits/${visit.id}`, 'rep1.br@fieldops.test', PHONE);
    await outsider.getByRole('alert').waitFor();
  }, 180_000);

  it("a visit's answers name the payment brand chosen, not its id, in the reader's language", async () => {
    const name = 'Abarrotes La Esquina';
    const id = await answeredLeadVisit(
      e2e,
      'rep1.mx@fieldops.test',
      name,
      { lat: 19.4284, lng: -99.1677 },
      {
        decisionMakerMet: true,
        currentProvider: 'mercado_pago',
      },
    );
    const chinese = await signedIn(e2e, `/console/visits/${id}`, 'countrymanager.mx@fieldops.test', inChinese(DESKTOP), true);
    await chinese.getByRole('heading', { name: `拜访 ${name}` }).waitFor();
    await chinese.getByText('当前收款方式').waitFor();
    const answers = await chinese.locator('.answers dd').allTextContents();
    expect(answers).toEqual(expect.arrayContaining(['Mercado Pago', '是']));
    expect(answers).not.toContain('mercado_pago');
    await e2e.screenshot(chinese, 'records-visit-brand-answer-zh');

    const phone = await signedIn(e2e, `/field/visits/${id}`, 'rep1.mx@fieldops.test', inChinese(PHONE), true);
    await phone.getByText('当前收款方式').waitFor();
    await phone.getByText('Mercado Pago').waitFor();
    expect(await phone.getByText('mercado_pago').count()).toBe(0);
  }, 120_000);

  it('the review queue lists every waiting visit with readable reasons and shows the picked one with its shop', async () => {
    const first = await flaggedVisit(e2e, 'rep5.sg@fieldops.test', 'Queue First Mart', { lat: 1.3201, lng: 103.8423 });
    const second = await flaggedVisit(e2e, 'rep5.sg@fieldops.test', 'Queue Second Mart', { lat: 1.3302, lng: 103.8523 });
    const manager = await e2e.host.login('countrymanager.sg@fieldops.test');
    const waiting = (await e2e.host.api('GET', '/api/v1/visits/review-queue?limit=200', { token: manager })).body.items as { id: string }[];
    expect(waiting.map((visit) => visit.id)).toEqual(expect.arrayContaining([first.id, second.id]));

    const page = await signedIn(e2e, '/reviews', 'countrymanager.sg@fieldops.test', DESKTOP);
    const list = page.getByRole('table', { name: 'Visits waiting for review' });
    await list.getByRole('link', { name: 'Queue Second Mart' }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(waiting.length);
    expect(await list.locator('tbody tr').filter({ hasText: 'Queue First Mart' }).textContent()).toContain('Far from the shop');
    await list.getByRole('link', { name: 'Queue Second Mart' }).click();
    const evidence = page.getByRole('article', { name: 'Evidence' });
    await evidence.getByRole('heading', { name: 'Queue Second Mart' }).waitFor();
    await evidence.getByText('Owner asked for new QR stands').waitFor();
    await e2e.screenshot(page, 'records-review-queue');
    await page.getByLabel('Reason').fill('Confirmed with the owner');
    await page.getByRole('button', { name: 'Reject' }).click();
    await list.getByRole('link', { name: 'Queue Second Mart' }).waitFor({ state: 'detached' });
    const decided = await e2e.host.api('GET', `/api/v1/visits/${second.id}`, { token: manager });
    expect(decided.body).toMatchObject({ verification: 'rejected', reviewReason: 'Confirmed with the owner' });

    const phone = await signedIn(e2e, '/reviews', 'countrymanager.sg@fieldops.test', inChinese(PHONE), true);
    await phone.getByRole('table', { name: '等待审核的拜访' }).waitFor();
    await e2e.screenshot(phone, 'records-review-queue-phone-zh');
  }, 180_000);

  it('a manager edits a merchant with the version read, is told of a change made meanwhile, transfers it and reads its activity', async () => {
    const name = 'Timeline Provisions';
    const visit = await flaggedVisit(e2e, 'rep4.sg@fieldops.test', name, { lat: 1.2966, lng: 103.8522 });
    const manager = await e2e.host.login('countrymanager.sg@fieldops.test');
    const before = (await e2e.host.api('GET', `/api/v1/merchants/${visit.merchantId}`, { token: manager })).body;

    const page = await signedIn(e2e, `/merchants/${visit.merchantId}`, 'countrymanager.sg@fieldops.test', DESKTOP);
    await page.getByRole('heading', { name }).waitFor();
    const timeline = page.getByRole('list', { name: 'Activity' });
    await timeline.getByRole('link', { name: 'Met the owner' }).waitFor();
    await timeline.getByText('Is the payment terminal working?').waitFor();
    await timeline.getByText('Created').waitFor();
    await timeline.getByRole('button', { name: `Enlarge: Photo 1 taken at ${name}` }).waitFor();
    await expect.poll(() => pointsDrawn(page), { timeout: 30_000 }).toBe(1);
    await e2e.screenshot(page, 'records-merchant-detail');

    // Someone else changes the merchant after the form was opened: the save is refused, not lost silently.
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const form = page.getByRole('form', { name: 'Edit profile' });
    await form.getByLabel('Brand name').fill('Timeline Provisions Two');
    const meanwhile = await e2e.host.api('PATCH', `/api/v1/merchants/${visit.merchantId}`, {
      token: manager,
      headers: { 'if-match': `"${before.version}"` },
      body: { address: '1 Changed Road' },
    });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Someone changed this merchant while you edited it.', { exact: false }).waitFor();
    expect((await e2e.host.api('GET', `/api/v1/merchants/${visit.merchantId}`, { token: manager })).body.brandName).toBe(name);
    await e2e.screenshot(page, 'records-merchant-edit-conflict');
    // The form now shows the other person's version (their address): saving again goes through.
    await expect.poll(() => page.getByRole('form', { name: 'Edit profile' }).getByLabel('Address').inputValue()).toBe('1 Changed Road');
    await page.getByRole('form', { name: 'Edit profile' }).getByLabel('Brand name').fill('Timeline Provisions Two');
    await page.getByRole('form', { name: 'Edit profile' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Timeline Provisions Two' }).waitFor();
    const edited = (await e2e.host.api('GET', `/api/v1/merchants/${visit.merchantId}`, { token: manager })).body;
    expect(edited).toMatchObject({ brandName: 'Timeline Provisions Two', address: '1 Changed Road', version: before.version + 2 });

    await page.getByRole('button', { name: 'Transfer owner' }).click();
    const transfer = page.getByRole('form', { name: 'Transfer owner' });
    const newOwner = transfer.getByLabel('New owner');
    const choice = await newOwner.locator('option').nth(1).textContent();
    await newOwner.selectOption({ index: 1 });
    await transfer.getByLabel('Reason').fill('Territory rebalanced');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await page.getByText(`${choice} (`).waitFor();
    await timeline.getByText('Owner transferred').waitFor();
    const transferred = (await e2e.host.api('GET', `/api/v1/merchants/${visit.merchantId}`, { token: manager })).body;
    expect(transferred.ownerId).not.toBe(before.ownerId);

    const chinese = await signedIn(e2e, `/merchants/${visit.merchantId}`, 'countrymanager.sg@fieldops.test', inChinese(PHONE), true);
    await chinese.getByRole('list', { name: '动态' }).getByText('负责人已转移').waitFor();
    expect(await fitsWidth(chinese), await tooWide(chinese)).toBeLessThanOrEqual(360);
    await expect.poll(() => pointsDrawn(chinese), { timeout: 30_000 }).toBe(1);
    await e2e.screenshot(chinese, 'records-merchant-detail-phone-zh');
  }, 180_000);

  it('a lead offers only the stage moves the API names, records follow-ups with their history, and converts with its progress', async () => {
    const rep = await e2e.host.login('rep1.sg@fieldops.test');
    const created = await e2e.host.api('POST', '/api/v1/leads', {
      token: rep,
      body: { name: 'Stage Trial Kopitiam', category: 'cafe', lat: 1.2834, lng: 103.8431, phone: '+65 9123 4567' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;

    const page = await signedIn(e2e, `/leads/${id}`, 'rep1.sg@fieldops.test', DESKTOP);
    await page.getByRole('heading', { name: 'Stage Trial Kopitiam' }).waitFor();
    const stage = page.getByLabel('Move to stage');
    const offered = await stage
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value).filter(Boolean));
    expect(offered).toEqual(created.body.nextStages);
    expect(offered).not.toContain('converted');
    // The phone is a call link (E.164, as the API keeps it).
    await page.locator('a[href="tel:+6591234567"]').waitFor();

    const followUp = page.getByRole('form', { name: 'Record a follow-up' });
    await followUp.getByLabel('Kind').selectOption('call');
    await followUp.getByLabel('Notes').fill('Owner wants a demo on Friday');
    await followUp.getByRole('button', { name: 'Record' }).click();
    const timeline = page.getByRole('list', { name: 'Activity' });
    await timeline.getByText('Owner wants a demo on Friday').waitFor();
    const read = await e2e.host.api('GET', `/api/v1/leads/${id}/follow-ups`, { token: rep });
    expect(read.body.items.map((item: { note: string }) => item.note)).toContain('Owner wants a demo on Friday');

    await stage.selectOption('won');
    const convert = page.getByRole('form', { name: 'Convert to merchant' });
    await convert.getByLabel('Business ID').fill('201912345K');
    await convert.getByRole('button', { name: 'Create the merchant' }).click();
    await page.getByRole('link', { name: 'Open the merchant' }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: 'Converted' }).waitFor();
    await e2e.screenshot(page, 'records-lead-converted');
    const converted = (await e2e.host.api('GET', `/api/v1/leads/${id}`, { token: rep })).body;
    expect(converted).toMatchObject({ stage: 'converted', conversionStatus: 'converted' });
    expect(converted.nextStages).toEqual([]);

    // A manager assigns another lead; the holder can release it.
    const other = await e2e.host.api('POST', '/api/v1/leads', {
      token: rep,
      body: { name: 'Assign Trial Bakery', category: 'bakery', lat: 1.2861, lng: 103.8412 },
    });
    const manager = await signedIn(e2e, `/leads/${other.body.id}`, 'countrymanager.sg@fieldops.test', inChinese(DESKTOP), true);
    await manager.getByRole('heading', { name: 'Assign Trial Bakery' }).waitFor();
    // rep3 holds few leads, so the claim limit does not refuse the assignment.
    const managerToken = await e2e.host.login('countrymanager.sg@fieldops.test');
    const users = await e2e.host.api('GET', '/api/v1/users?q=rep3.sg@&limit=5', { token: managerToken });
    const chosen: string = users.body.items[0].id;
    await manager.getByLabel('业务员', { exact: true }).selectOption(chosen);
    await manager.getByRole('button', { name: '分配给业务员' }).click();
    await manager.getByText(`${users.body.items[0].name} 持有`).first().waitFor();
    expect((await e2e.host.api('GET', `/api/v1/leads/${other.body.id}`, { token: managerToken })).body.ownerId).toBe(chosen);
    await e2e.screenshot(manager, 'records-lead-detail-zh');

    const phone = await signedIn(e2e, `/leads/${id}`, 'rep1.sg@fieldops.test', PHONE);
    await phone.getByRole('list', { name: 'Activity' }).getByText('Owner wants a demo on Friday').waitFor();
    await e2e.screenshot(phone, 'records-lead-detail-phone');
    expect(await fitsWidth(phone), await tooWide(phone)).toBeLessThanOrEqual(360);
  }, 180_000);
});
