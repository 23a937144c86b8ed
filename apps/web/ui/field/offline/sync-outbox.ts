import { type Answer, answerOf, rest, send as sendRaw } from '../../shared/api/client';
import { isNetworkFailure, ProblemError } from '../../shared/api/problem';
import { WGS84 } from '../../shared/map/coordinates';
import { type OutboxEntry, outbox } from './outbox';

let running: Promise<SyncResult> | undefined;
const syncListeners = new Set<(syncing: boolean) => void>();

export interface SyncResult {
  sent: number;
  /** True when the network failed midway: the rest waits for the next try. */
  offline: boolean;
}

/**
 * Sends one write; the entry's id is the Idempotency-Key, so a replay after a lost answer is harmless. `fromQueue`
 * marks a check-in that waited on the phone as made offline, so the server reads its old device time as such.
 */
export async function send(entry: OutboxEntry, fromQueue = false): Promise<unknown> {
  const headers = { 'idempotency-key': entry.id };
  switch (entry.kind) {
    case 'lead':
      return answerOf(rest.POST('/api/v1/leads', { params: { query: WGS84 }, body: entry.body, headers }));
    case 'check-in': {
      const photoIds: string[] = [];
      if (entry.photo) {
        const form = new FormData();
        form.append('purpose', 'visit-photo');
        form.append('file', entry.photo, 'check-in.jpg');
        const file = await sendRaw<Answer<'uploadFile', 201>>('POST', '/api/v1/files', {
          body: form,
          headers: { 'idempotency-key': `${entry.id}-photo` },
        });
        photoIds.push(file.id);
      }
      const body = { ...entry.body, photoIds, ...(fromQueue ? { offline: true } : {}) };
      return answerOf(rest.POST('/api/v1/visits', { params: { query: WGS84 }, body, headers }));
    }
    case 'check-out':
      return answerOf(
        rest.POST('/api/v1/visits/{id}/check-out', { params: { path: { id: entry.visitId }, query: WGS84 }, body: entry.body, headers }),
      );
  }
}

/**
 * Sends a write at once when the device is online and answers what the server said; without a network it goes
 * to the outbox instead (answer `queued`). A refusal (4xx) is thrown, for the screen to show beside its fields.
 */
export async function sendOrQueue(entry: OutboxEntry): Promise<{ queued: true } | { queued: false; answer: unknown }> {
  if (navigator.onLine) {
    try {
      return { queued: false, answer: await send(entry) };
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
    }
  }
  await outbox.add(entry);
  return { queued: true };
}

async function syncOnce(): Promise<SyncResult> {
  let sent = 0;
  for (const entry of await outbox.all()) {
    if (entry.state !== 'pending') continue;
    try {
      await send(entry, true);
      await outbox.remove(entry.id);
      sent += 1;
    } catch (error) {
      if (isNetworkFailure(error)) return { sent, offline: true };
      const problem = error instanceof ProblemError ? error.problem : undefined;
      await outbox.update({
        ...entry,
        state: problem?.status === 409 ? 'conflict' : 'failed',
        error: error instanceof Error ? error.message : String(error),
        conflict: problem,
      });
    }
  }
  return { sent, offline: false };
}

/** Sends every pending write in the order it was made; one run at a time. */
export function syncOutbox(): Promise<SyncResult> {
  if (!running) {
    for (const listener of syncListeners) listener(true);
    running = syncOnce().finally(() => {
      running = undefined;
      for (const listener of syncListeners) listener(false);
    });
  }
  return running;
}

export function onSyncing(listener: (syncing: boolean) => void): () => void {
  syncListeners.add(listener);
  return () => syncListeners.delete(listener);
}

/** Sync when the device comes back online, and once at start for what an earlier session left. */
export function startBackgroundSync(): void {
  window.addEventListener('online', () => void syncOutbox());
  if (navigator.onLine) void syncOutbox();
}
