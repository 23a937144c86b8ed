import type { TFunction } from 'i18next';
import type { OutboxKind } from '../offline/outbox-base';

/** What a queued or sent write is, in the rep's words; each feature's own writes are named in its own strings. */
export function queueKindOf(t: TFunction, kind: OutboxKind): string {
  if (kind === 'enrollment') return t('campaigns.queueKind');
  if (kind === 'ticket-completion') return t('fieldTickets.queueKind');
  return t(`field.queue.kinds.${kind}`);
}
