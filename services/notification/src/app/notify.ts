import type { CountryPolicy } from '@fieldops/countries';
import { insertManyIfAbsent } from '@fieldops/platform';
import type { Insertable, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DeliveryChannel } from '../channels/channel';
import type { NotificationContext } from '../config';
import { channelEnabled, optedIn, preferenceRepository } from '../db/preference.repository';
import { NO_OVERRIDE, quietHoursRepository } from '../db/quiet-hours.repository';
import type { DeliveryTable, DigestItemTable, NoticeTable, NotificationDb } from '../db/schema';
import { quietUntil } from '../domain/quiet-hours';
import type { Recipient } from '../workflows/lookups';
import type { AnyWorkflow } from '../workflows/workflow';
import { countryTimezone, emailHtml, render } from './render';

/** One workflow's notice for its recipients, as read before the transaction. */
export interface PreparedNotice {
  workflow: AnyWorkflow;
  recipients: Recipient[];
  facts: unknown;
  link: string | undefined;
}

const FALLBACK_QUIET = { start: '22:00', end: '07:00' };

function policyOf(ctx: NotificationContext, country: string): CountryPolicy | undefined {
  try {
    return ctx.countries.get(country);
  } catch {
    return undefined;
  }
}

function addressOf(recipient: Recipient, channel: DeliveryChannel): string | null {
  if (channel === 'email') return recipient.email || null;
  if (channel === 'sms') return recipient.phone || null;
  return null;
}

/** The start of the digest window after `now`: windows are fixed slices of time, the same for every replica. */
export function windowEnd(now: number, windowMs: number): number {
  return (Math.floor(now / windowMs) + 1) * windowMs;
}

/** The recipients who turned an opt-in workflow on; the others are not told at all, not even in the inbox. */
async function optedInOf(trx: Transaction<NotificationDb>, workflow: string, recipients: Recipient[]): Promise<Recipient[]> {
  const choicesOf = await preferenceRepository.ofUsers(
    trx,
    recipients.map((r) => r.userId),
  );
  return recipients.filter((r) => optedIn(choicesOf.get(r.userId) ?? [], workflow));
}

/** Ids per look-up when telling which rows a multi-row insert kept, under every engine's limit of bound values. */
const IDS_PER_LOOK = 500;

/**
 * Stores the notices of one event: an inbox notice per recipient and a delivery (or digest item) per channel the
 * recipient takes. The unique keys (workflow, event, user[, channel]) make a redelivered event write nothing more.
 * An event may tell a thousand people, so each kind of row goes in with a few multi-row statements in the caller's
 * transaction rather than one statement per recipient. Answers the notices it stored (none for a redelivery), for
 * the live streams once the transaction commits.
 */
export async function storeNotices(
  ctx: NotificationContext,
  trx: Transaction<NotificationDb>,
  sourceKey: string,
  prepared: PreparedNotice,
): Promise<NoticeTable[]> {
  const { workflow } = prepared;
  const recipients = workflow.optIn ? await optedInOf(trx, workflow.name, prepared.recipients) : prepared.recipients;
  const now = ctx.clock.now();
  const drafts = recipients.map((recipient) => {
    const rendered = render(workflow.templates, prepared.facts, recipient, ctx.countries);
    const notice: NoticeTable = {
      id: uuidv7(),
      user_id: recipient.userId,
      workflow: workflow.name,
      source_key: sourceKey,
      severity: workflow.severity,
      title: rendered.title.slice(0, 500),
      body: rendered.body.slice(0, 4000),
      link: prepared.link ?? null,
      created_at: now,
      read_at: null,
      archived_at: null,
    };
    return { recipient, rendered, notice };
  });
  const kept = await insertNotices(
    trx,
    ctx,
    drafts.map((d) => d.notice),
  );
  const storedDrafts = drafts.filter((d) => kept.has(d.notice.id));
  if (storedDrafts.length === 0) return [];

  const overThrottle = await throttledUsers(
    trx,
    workflow,
    storedDrafts.map((d) => d.recipient.userId),
    now,
  );
  // One read for the whole audience.
  const choicesOf = await preferenceRepository.ofUsers(
    trx,
    storedDrafts.map((d) => d.recipient.userId),
  );
  const overrideOf = await quietHoursRepository.ofUsers(
    trx,
    storedDrafts.map((d) => d.recipient.userId),
  );
  const digestItems: Insertable<DigestItemTable>[] = [];
  const deliveries: Insertable<DeliveryTable>[] = [];
  for (const { recipient, rendered } of storedDrafts) {
    if (overThrottle.has(recipient.userId)) continue;
    const policy = policyOf(ctx, recipient.country);
    const choices = choicesOf.get(recipient.userId) ?? [];
    // The user's own window and zone where set, each on its own: a traveller may keep the country's hours in a new zone.
    const override = overrideOf.get(recipient.userId) ?? NO_OVERRIDE;
    const quietWindow = override.window ?? policy?.notifications.quietHours ?? FALLBACK_QUIET;
    const quietZone = override.timeZone ?? countryTimezone(ctx.countries, recipient.country);
    for (const channel of workflow.channels) {
      const critical = workflow.severity === 'critical';
      const defaults = policy?.notifications.defaultChannels ?? ['email'];
      if (!critical && !channelEnabled(choices, workflow.name, channel, defaults, workflow.optIn === true)) continue;
      const address = addressOf(recipient, channel);
      const digest = workflow.digest;
      if (digest?.channels.includes(channel) && !critical) {
        digestItems.push({
          id: uuidv7(),
          user_id: recipient.userId,
          workflow: workflow.name,
          channel,
          source_key: sourceKey,
          line: (rendered.line ?? rendered.title).slice(0, 1000),
          link: prepared.link ?? null,
          country: recipient.country,
          locale: recipient.locale,
          address,
          due_at: windowEnd(now, digest.windowMs),
          created_at: now,
        });
        continue;
      }
      const quiet = critical || channel === 'email' ? null : quietUntil(now, quietZone, quietWindow);
      deliveries.push({
        id: uuidv7(),
        user_id: recipient.userId,
        workflow: workflow.name,
        channel,
        source_key: sourceKey,
        country: recipient.country,
        locale: recipient.locale,
        address,
        subject: rendered.title.slice(0, 500),
        text: rendered.body,
        html: channel === 'email' ? emailHtml(rendered.title, rendered.body, prepared.link, ctx.deps.appUrl) : null,
        link: prepared.link ?? null,
        severity: workflow.severity,
        state: 'queued',
        attempts: 0,
        driver: null,
        provider_answer: null,
        next_attempt_at: quiet ?? now,
        created_at: now,
        updated_at: now,
        sent_at: null,
      });
    }
  }
  await insertManyIfAbsent(trx, ctx.dialect, 'digest_item', digestItems);
  await insertManyIfAbsent(trx, ctx.dialect, 'delivery', deliveries);
  return storedDrafts.map((d) => d.notice);
}

/**
 * Inserts the notices unless the user already has this event's notice of the workflow; answers the ids it kept.
 * When every row went in (the usual case) that needs no second look; otherwise the rows still present by id are the
 * ones this insert wrote.
 */
async function insertNotices(trx: Transaction<NotificationDb>, ctx: NotificationContext, notices: NoticeTable[]): Promise<Set<string>> {
  const ids = notices.map((n) => n.id);
  const inserted = await insertManyIfAbsent(trx, ctx.dialect, 'notice', notices);
  if (inserted === notices.length) return new Set(ids);
  const kept = new Set<string>();
  for (let i = 0; i < ids.length && kept.size < inserted; i += IDS_PER_LOOK) {
    const rows = await trx
      .selectFrom('notice')
      .select('id')
      .where('id', 'in', ids.slice(i, i + IDS_PER_LOOK))
      .execute();
    for (const row of rows) kept.add(row.id);
  }
  return kept;
}

/** The users who already had more than `max` notices of the workflow in its throttle window, this event's included (the inbox still gets them). */
async function throttledUsers(
  trx: Transaction<NotificationDb>,
  workflow: AnyWorkflow,
  userIds: string[],
  now: number,
): Promise<Set<string>> {
  const throttle = workflow.throttle;
  const over = new Set<string>();
  if (!throttle) return over;
  for (let i = 0; i < userIds.length; i += IDS_PER_LOOK) {
    const rows = await trx
      .selectFrom('notice')
      .select((eb) => ['user_id', eb.fn.countAll<number>().as('count')])
      .where('user_id', 'in', userIds.slice(i, i + IDS_PER_LOOK))
      .where('workflow', '=', workflow.name)
      .where('created_at', '>', now - throttle.windowMs)
      .groupBy('user_id')
      .execute();
    for (const row of rows) if (Number(row.count) > throttle.max) over.add(row.user_id);
  }
  return over;
}
