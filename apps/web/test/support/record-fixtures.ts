import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { type E2e, signIn } from './e2e-host';

/** A 360 px wide phone, the narrowest the field app is made for. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
/** The same, with the interface language picked on the device before the app starts. */
export const inChinese = (options: BrowserContextOptions) => ({ ...options, locale: 'zh-CN' });

/** How many record points the page's first map drew, asked of MapLibre itself (exposed on its element for tests). */
export const pointsDrawn = (page: Page) =>
  page.evaluate<number>(
    `((map) => (map?.getLayer('points') ? map.queryRenderedFeatures({ layers: ['points'] }).length : 0))(document.querySelector('[data-testid="map"]')?.maplibre)`,
  );

export const fitsWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** The elements reaching past the right edge of the viewport (for the message when a page is too wide). */
export const tooWide = (page: Page, width = 360) =>
  page.evaluate<string>(
    `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width} + 1 && !e.parentElement?.closest('.table-scroll')).slice(0, 8).map((e) => e.tagName + '.' + e.className).join(', ')`,
  );

/** A point `metres` north of `point` (a degree of latitude is ~111.2 km everywhere). */
export const north = (point: { lat: number; lng: number }, metres: number) => ({ lat: point.lat + metres / 111_195, lng: point.lng });

/** Signs in at `path` of a fresh context; `chinese` picks 简体中文 on the device first. */
export async function signedIn(e2e: E2e, path: string, email: string, options: BrowserContextOptions, chinese = false): Promise<Page> {
  const { context, page } = await e2e.open('/field/', options);
  if (chinese) await context.addInitScript("localStorage.setItem('fieldops.language', 'zh-CN')");
  await page.goto(path.startsWith('/field') ? '/field/' : '/');
  await signIn(page, email);
  await page
    .getByRole('button', { name: /sign out|退出|sair/i })
    .or(page.getByRole('link', { name: /my day|我的一天|meu dia/i }))
    .first()
    .waitFor();
  await page.goto(path);
  return page;
}

export async function merchantOf(e2e: E2e, email: string, name: string, at: { lat: number; lng: number }): Promise<string> {
  const res = await e2e.host.api('POST', '/api/v1/merchants', {
    token: await e2e.host.login(email),
    body: { legalName: `${name} Pte Ltd`, brandName: name, category: 'grocery', businessId: '201912345K', ...at },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function uploadPhoto(e2e: E2e, token: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 180 } } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('purpose', 'visit-photo');
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'storefront.jpg');
  const res = await fetch(`${e2e.host.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A visit checked in 2 km from its shop and checked out with answers and a photo: flagged for review. */
export async function flaggedVisit(e2e: E2e, email: string, name: string, shop: { lat: number; lng: number }) {
  const merchantId = await merchantOf(e2e, email, name, shop);
  const token = await e2e.host.login(email);
  const id = crypto.randomUUID();
  const checkIn = await e2e.host.api('POST', '/api/v1/visits', {
    token,
    body: {
      id,
      targetType: 'merchant',
      targetId: merchantId,
      ...north(shop, 2000),
      accuracyM: 9,
      deviceTime: new Date().toISOString(),
      mockLocation: false,
      photoIds: [await uploadPhoto(e2e, token)],
    },
  });
  expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
  const checkOut = await e2e.host.api('POST', `/api/v1/visits/${id}/check-out`, {
    token,
    body: {
      deviceTime: new Date().toISOString(),
      outcome: 'met-owner',
      notes: 'Owner asked for new QR stands',
      answers: { terminalWorking: true, stockOfQrStands: 'worn', transactionsToday: 17 },
    },
  });
  expect(checkOut.body.verification).toBe('pending-review');
  return { id, merchantId };
}

/** A lead visited where it stands and checked out with `answers`: what its visit page shows under the questions. */
export async function answeredLeadVisit(e2e: E2e, email: string, name: string, at: { lat: number; lng: number }, answers: object) {
  const token = await e2e.host.login(email);
  const lead = await e2e.host.api('POST', '/api/v1/leads?coords=WGS84', { token, body: { name, category: 'grocery', ...at } });
  expect(lead.status, JSON.stringify(lead.body)).toBe(201);
  const id = crypto.randomUUID();
  const checkIn = await e2e.host.api('POST', '/api/v1/visits?coords=WGS84', {
    token,
    body: {
      id,
      targetType: 'lead',
      targetId: lead.body.id,
      ...at,
      accuracyM: 9,
      deviceTime: new Date().toISOString(),
      mockLocation: false,
      photoIds: [await uploadPhoto(e2e, token)],
    },
  });
  expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
  const checkOut = await e2e.host.api('POST', `/api/v1/visits/${id}/check-out`, {
    token,
    body: { deviceTime: new Date().toISOString(), outcome: 'met-owner', notes: 'Met the owner at the counter', answers },
  });
  expect(checkOut.status, JSON.stringify(checkOut.body)).toBe(200);
  return id;
}
