/** The kinds of write the field app queues. */
export type OutboxKind = 'lead' | 'check-in' | 'check-out' | 'enrollment' | 'ticket-completion';

/** What every queued write has, whatever its kind (kept apart from the queue's storage, so plain logic can use it). */
export interface OutboxBase {
  /** Also the Idempotency-Key: a write replayed after a lost answer is not made twice. */
  id: string;
  createdAt: string;
  /** What a person reads in the queue, e.g. the lead's name. */
  title: string;
  state: 'pending' | 'failed' | 'conflict';
  error?: string;
  /** What the server answered on a conflict (e.g. the duplicate leads), for the screen that resolves it. */
  conflict?: unknown;
}
