import type { OutboxBase, OutboxKind } from './outbox-base';

/** A write the server took, as the phone keeps it for the rep to look back on. */
export interface SentItem {
  id: string;
  kind: OutboxKind;
  title: string;
  /** The server's time of the write (never the phone's clock, which may be wrong). */
  sentAt: string;
  /** What came of it: created, checked-in, verified, pending-review; a ticket's resolved or review. */
  outcome: string;
}

const KEY = 'fieldops.sentHistory';
/** Enough to see today's last few writes; older ones are in the records themselves. */
export const KEEP = 10;
const listeners = new Set<() => void>();

type Answered = {
  checkedInAt?: string;
  checkedOutAt?: string | null;
  createdAt?: string;
  verification?: string;
  updatedAt?: string;
  state?: string;
};

/** The history item of an entry the server answered; its time and outcome are read from the answer. */
export function sentItemOf(entry: OutboxBase & { kind: OutboxKind }, answer: unknown): SentItem {
  const said = (typeof answer === 'object' && answer !== null ? answer : {}) as Answered;
  // A ticket completed on site: resolved, or in review when its visit was flagged.
  if (entry.kind === 'ticket-completion') {
    return {
      id: entry.id,
      kind: entry.kind,
      title: entry.title,
      sentAt: said.updatedAt ?? new Date().toISOString(),
      outcome: said.state ?? 'resolved',
    };
  }
  // The visit's times as the server recorded them: its own clock, or an offline device time it bounded.
  const serverTime =
    entry.kind === 'lead' ? said.createdAt : entry.kind === 'check-in' ? said.checkedInAt : (said.checkedOutAt ?? undefined);
  const outcome = entry.kind === 'lead' ? 'created' : entry.kind === 'check-in' ? 'checked-in' : (said.verification ?? 'verified');
  return { id: entry.id, kind: entry.kind, title: entry.title, sentAt: serverTime ?? new Date().toISOString(), outcome };
}

export const sentHistory = {
  read(): SentItem[] {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as SentItem[]) : [];
  },
  add(item: SentItem): void {
    const kept = [item, ...sentHistory.read().filter((known) => known.id !== item.id)].slice(0, KEEP);
    localStorage.setItem(KEY, JSON.stringify(kept));
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
