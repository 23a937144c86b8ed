import type { Access, EventEnvelope } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { historyRepository } from '../db/history.repository';
import { findMerchant } from './get-merchant';

export interface HistoryEntry {
  id: string;
  type: string;
  actor: string | null;
  time: string;
  data: unknown;
}

/** Every change of a merchant, oldest first, read from the service's outbox (the event log; nothing is capped). */
export async function merchantHistory(ctx: MerchantContext, access: Access, id: string): Promise<HistoryEntry[]> {
  await findMerchant(ctx, access, id);
  const rows = await historyRepository.eventsOf(await ctx.reads(), id);
  return rows.map((row) => {
    const envelope = JSON.parse(row.envelope) as EventEnvelope;
    return { id: envelope.id, type: row.type, actor: envelope.actor ?? null, time: envelope.time, data: envelope.data };
  });
}
