import { accountService } from '@fieldops/account';
import { createLeadsService } from '@fieldops/leads';
import { notificationService } from '@fieldops/notification';
import { eventually, hostEngines, MovableClock } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from './support/chromium';
import { type E2e, signIn, startE2e } from './support/e2e-host';

const REP = 'rep4.sg@fieldops.test';
const DAY = 86_400_000;

// The warning's whole path on each set of engines (SQLite and the in-process bus; MariaDB and NATS JetStream in CI):
// the leads job finds the lead at its warning time on a moved clock, its event crosses the bus, the notification
// service stores the notice, and the stream the open page holds rings the bell, without a reload.
describe.runIf(chromiumForTests()).each(await hostEngines())('a lead’s recycle warning in the open app on $name', (engines) => {
  let e2e: E2e;
  const clock = new MovableClock(Date.now());

  beforeAll(async () => {
    e2e = await startE2e({
      // Only the path under test; the leads demo seed is left out, so the rep's only warning is the test's lead.
      only: [accountService, createLeadsService({ protectionCheckMs: 500 }, async () => undefined), notificationService],
      clock,
      engines,
    });
  }, 300_000);
  afterAll(async () => e2e?.stop(), 120_000);

  it('a lead reaching its warning time (moved clock) rings the bell of the open console, and the inbox names it', async () => {
    const token = await e2e.host.login(REP);
    const created = await e2e.host.api('POST', '/api/v1/leads', {
      token,
      body: { name: 'Moved Clock Minimart', address: '1 Warning Road', category: 'grocery', lat: 1.2931, lng: 103.8521 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const { page } = await e2e.open('/field/', { viewport: { width: 1280, height: 800 } });
    await signIn(page, REP);
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await page.evaluate('window.notReloaded = true');

    // Singapore protects a lead 14 days and warns 2 days before.
    clock.advance(12 * DAY + 60_000);
    await page.getByRole('link', { name: 'Notifications, 1 unread', exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate('window.notReloaded')).toBe(true);

    const inbox = await eventually(async () => {
      // Tokens follow the moved clock: sign in again after the move.
      const answer = await e2e.host.api('GET', '/api/v1/notifications?unread=true', { token: await e2e.host.login(REP) });
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(inbox.items).toEqual([expect.objectContaining({ workflow: 'lead-recycle-warning', link: `/console/leads/${created.body.id}` })]);
    await page.getByRole('link', { name: 'Notifications, 1 unread', exact: true }).click();
    await page.getByRole('list', { name: 'Notifications' }).getByText('Moved Clock Minimart').first().waitFor();
    await e2e.screenshot(page, `notifications-warning-live-${engines.name.startsWith('mariadb') ? 'mariadb' : 'sqlite'}`);
    expect(e2e.policyViolations).toEqual([]);
  }, 180_000);
});
