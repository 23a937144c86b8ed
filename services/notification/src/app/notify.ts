import type { CountryPolicy } from '@fieldops/countries';
import { insertIfAbsent } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DeliveryChannel } from '../channels/channel';
import type { NotificationContext } from '../config';
import { channelEnabled, preferenceRepository } from '../db/preference.repository';
import type { NoticeTable, NotificationDb } from '../db/schema';
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

/**
 * Stores the notices of one event: an inbox notice per recipient and a delivery (or digest item) per channel the
 * recipient takes. The unique keys (workflow, event, user[, channel]) make a redelivered event write nothing more.
 * Answers the notices it stored (none for a redelivery), for the live streams once the transaction commits.
 */
export async function storeNotices(
  ctx: NotificationContext,
  trx: Transaction<NotificationDb>,
  sourceKey: string,
  prepared: PreparedNotice,
): Promise<NoticeTable[]> {
  const { workflow } = prepared;
  const now = ctx.clock.now();
  const stored: NoticeTable[] = [];
  // One read for the whole audience: an event may tell a thousand people.
  const choicesOf = await preferenceRepository.ofUsers(
    trx,
    prepared.recipients.map((r) => r.userId),
  );
  for (const recipient of prepared.recipients) {
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
    if (!(await insertIfAbsent(trx, ctx.dialect, 'notice', notice))) continue;
    stored.push(notice);
    if (await throttled(trx, workflow, recipient.userId, now)) continue;
    const policy = policyOf(ctx, recipient.country);
    const choices = choicesOf.get(recipient.userId) ?? [];
    for (const channel of workflow.channels) {
      const critical = workflow.severity === 'critical';
      if (!critical && !channelEnabled(choices, workflow.name, channel, policy?.notifications.defaultChannels ?? ['email'])) continue;
      const address = addressOf(recipient, channel);
      const digest = workflow.digest;
      if (digest?.channels.includes(channel) && !critical) {
        await insertIfAbsent(trx, ctx.dialect, 'digest_item', {
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
      const quiet =
        critical || channel === 'email'
          ? null
          : quietUntil(now, countryTimezone(ctx.countries, recipient.country), policy?.notifications.quietHours ?? FALLBACK_QUIET);
      await insertIfAbsent(trx, ctx.dialect, 'delivery', {
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
  return stored;
}

/** Whether the user already had `max` notices of the workflow in its throttle window (the inbox still gets them). */
async function throttled(trx: Transaction<NotificationDb>, workflow: AnyWorkflow, userId: string, now: number): Promise<boolean> {
  if (!workflow.throttle) return false;
  const { count } = await trx
    .selectFrom('notice')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('workflow', '=', workflow.name)
    .where('created_at', '>', now - workflow.throttle.windowMs)
    .executeTakeFirstOrThrow();
  return Number(count) > workflow.throttle.max;
}
