import { insertIfAbsent } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { NotificationContext } from '../config';
import type { DigestItemTable } from '../db/schema';
import { workflowNamed } from '../workflows';
import { emailHtml, render } from './render';

/** Turns every digest window that has ended into one delivery per user, workflow and channel. */
export async function flushDigests(ctx: NotificationContext): Promise<number> {
  const now = ctx.clock.now();
  const items = await ctx.db.selectFrom('digest_item').selectAll().where('due_at', '<=', now).orderBy('id').limit(5000).execute();
  const groups = new Map<string, DigestItemTable[]>();
  for (const item of items) {
    const key = `${item.user_id}|${item.workflow}|${item.channel}|${item.due_at}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    const workflow = first && workflowNamed(first.workflow);
    if (!first || !workflow?.digest) continue;
    const lines = group.map((i) => i.line);
    const rendered = render(workflow.digest.templates, { count: group.length, lines }, first, ctx.countries);
    const link = group.length === 1 ? (first.link ?? undefined) : undefined;
    await ctx.transact(async (trx) => {
      await insertIfAbsent(trx, ctx.dialect, 'delivery', {
        id: uuidv7(),
        user_id: first.user_id,
        workflow: workflow.name,
        channel: first.channel,
        source_key: `digest:${first.due_at}`,
        country: first.country,
        locale: first.locale,
        address: first.address,
        subject: rendered.title.slice(0, 500),
        text: rendered.body,
        html: first.channel === 'email' ? emailHtml(rendered.title, rendered.body, link, ctx.deps.appUrl) : null,
        link: link ?? null,
        severity: workflow.severity,
        state: 'queued',
        attempts: 0,
        driver: null,
        provider_answer: null,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
        sent_at: null,
      });
      await trx
        .deleteFrom('digest_item')
        .where(
          'id',
          'in',
          group.map((i) => i.id),
        )
        .execute();
    });
  }
  return groups.size;
}
