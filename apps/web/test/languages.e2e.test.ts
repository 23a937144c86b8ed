import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../ui/shared/i18n/locales/en';
import { chromiumForTests } from './support/chromium';
import { type E2e, startE2e } from './support/e2e-host';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Where the text of an element actually is, against the element's own box (block elements span the whole line). */
async function textBox(page: Page, selector: string) {
  return page.evaluate<{ textLeft: number; textRight: number; boxLeft: number; boxRight: number }>(`(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return { textLeft: text.left, textRight: text.right, boxLeft: box.left, boxRight: box.right };
  })()`);
}

async function signInWith(page: Page, labels: { email: string; password: string; submit: string }, email: string) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill('demo1234');
  await page.getByRole('button', { name: labels.submit }).click();
}

const ARABIC = { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' };

describe.runIf(chromiumForTests())('the apps in the new countries’ languages, in Chromium', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  }, 180_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('the console mirrors in Arabic: the navigation starts on the right, text is right-aligned, the sign-in form works', async () => {
    const { page } = await e2e.open('/', { viewport: DESKTOP, locale: 'ar-SA' });
    expect(await page.evaluate<string[]>('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    await signInWith(page, ARABIC, 'countrymanager.sa@fieldops.test');
    await page.getByRole('heading', { name: 'الرئيسية' }).waitFor();

    const links = page.getByRole('navigation').first().getByRole('link');
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    const brand = await page.locator('.console-header strong').boundingBox();
    // The title and the first section sit at the right edge; the sections run leftwards.
    expect(brand && brand.x + brand.width).toBeGreaterThan(DESKTOP.width - 40);
    expect(first && last && first.x > last.x).toBe(true);
    expect(first && brand && first.x < brand.x).toBe(true);

    const heading = await textBox(page, 'main h1');
    expect(Math.abs(heading.textRight - heading.boxRight)).toBeLessThan(2);
    expect(heading.textLeft - heading.boxLeft).toBeGreaterThan(100);
    await e2e.screenshot(page, 'console-dashboard-ar');
  }, 90_000);

  it('the same console in English is not mirrored (the check above can fail)', async () => {
    const { page } = await e2e.open('/', { viewport: DESKTOP, locale: 'en-SG' });
    expect(await page.evaluate<string>('document.documentElement.dir')).toBe('ltr');
    await signInWith(
      page,
      { email: en.login.email, password: en.login.password, submit: en.login.submit },
      'countrymanager.sg@fieldops.test',
    );
    await page.getByRole('heading', { name: en.dashboard.title }).waitFor();
    const links = page.getByRole('navigation').first().getByRole('link');
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    expect(first && last && first.x < last.x).toBe(true);
    const heading = await textBox(page, 'main h1');
    expect(Math.abs(heading.textLeft - heading.boxLeft)).toBeLessThan(2);
  }, 90_000);

  it('a rep records a new lead on a phone in Arabic: tabs mirrored, the form right-aligned and usable', async () => {
    const { page } = await e2e.open('/field/', {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'ar-SA',
      geolocation: { latitude: 24.7136, longitude: 46.6753, accuracy: 12 },
      permissions: ['geolocation'],
    });
    await signInWith(page, ARABIC, 'rep2.sa@fieldops.test');
    await page.getByRole('heading', { name: 'يومي' }).waitFor();
    await e2e.screenshot(page, 'field-my-day-ar');
    const tabs = page.locator('.field-tabs a');
    const firstTab = await tabs.first().boundingBox();
    const lastTab = await tabs.last().boundingBox();
    expect(firstTab && lastTab && firstTab.x > lastTab.x).toBe(true);

    await page.getByRole('link', { name: 'عميل جديد' }).click();
    await page.getByLabel('الاسم').fill('بقالة الاختبار');
    await page.getByLabel('الفئة').selectOption('grocery');
    await page.getByText(/يُستخدم موقعك/).waitFor();
    const input = await page.evaluate<string>("getComputedStyle(document.querySelector('input')).direction");
    expect(input).toBe('rtl');
    await e2e.screenshot(page, 'field-new-lead-ar');
    await page.getByRole('button', { name: 'حفظ العميل المحتمل' }).click();
    await page.getByText('أصبح بقالة الاختبار عميلك المحتمل.').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  }, 90_000);

  // Each new country's manager and rep meet their own language; the screens are kept for review.
  it.each([
    {
      code: 'th',
      cc: 'th',
      lat: 13.7563,
      lng: 100.5018,
      nav: 'ภาพรวม',
      myDay: 'วันนี้ของฉัน',
      labels: { email: 'อีเมล', password: 'รหัสผ่าน', submit: 'เข้าสู่ระบบ' },
    },
    {
      code: 'es-MX',
      cc: 'mx',
      lat: 19.4326,
      lng: -99.1332,
      nav: 'Tablero',
      myDay: 'Mi día',
      labels: { email: 'Correo electrónico', password: 'Contraseña', submit: 'Entrar' },
    },
    {
      code: 'zh-HK',
      cc: 'hk',
      lat: 22.3193,
      lng: 114.1694,
      nav: '概覽',
      myDay: '我的一天',
      labels: { email: '電郵', password: '密碼', submit: '登入' },
    },
    { code: 'ar', cc: 'sa', lat: 24.7136, lng: 46.6753, nav: 'الرئيسية', myDay: 'يومي', labels: ARABIC },
  ])(
    '$code: the console at desktop width and the field app on a phone',
    async ({ code, cc, lat, lng, nav, myDay, labels }) => {
      const locale = code === 'ar' ? 'ar-SA' : code === 'th' ? 'th-TH' : code;
      for (const viewport of [DESKTOP, PHONE]) {
        const size = viewport === DESKTOP ? 'desktop' : 'phone';
        const consoleApp = await e2e.open('/', { viewport, locale });
        await signInWith(consoleApp.page, labels, `countrymanager.${cc}@fieldops.test`);
        await consoleApp.page.getByRole('heading', { name: nav }).waitFor();
        expect(await consoleApp.page.evaluate<string>('document.documentElement.lang')).toBe(code);
        await e2e.screenshot(consoleApp.page, `console-dashboard-${code}-${size}`);
        await consoleApp.page.getByRole('navigation').first().getByRole('link').nth(2).click();
        await consoleApp.page.locator('main h1').waitFor();
        await e2e.screenshot(consoleApp.page, `console-merchants-${code}-${size}`);

        const field = await e2e.open('/field/', {
          viewport,
          locale,
          geolocation: { latitude: lat, longitude: lng, accuracy: 12 },
          permissions: ['geolocation'],
        });
        await signInWith(field.page, labels, `rep1.${cc}@fieldops.test`);
        await field.page.getByRole('heading', { name: myDay }).waitFor();
        await field.page.getByRole('list').first().getByRole('listitem').first().waitFor();
        await e2e.screenshot(field.page, `field-my-day-${code}-${size}`);
      }
    },
    180_000,
  );
});
