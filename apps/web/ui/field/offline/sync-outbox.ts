import { type Answer, answerOf, rest, send as sendRaw } from '../../shared/api/client';
import { isNetworkFailure, isStillRunning, ProblemError, wasCarriedOut } from '../../shared/api/problem';
import { WGS84 } from '../../shared/map/coordinates';
import { completionUploads } from '../tickets/completion-entry';
import { type OutboxEntry, outbox } from './outbox';
import { sentHistory, sentItemOf } from './sent-history';

let running: Promise<SyncResult> | undefined;
const syncListeners = new Set<(syncing: boolean) => void>();

export interface SyncResult {
  sent: number;
  /** True when the network failed midway: the rest waits for the next try. */
  offline: boolean;
}

/** Uploads one image of a queued write; the key makes a replay after a lost answer the same file. */
async function upload(blob: Blob, purpose: 'visit-photo' | 'other', fileName: string, idempotencyKey: string): Promise<string> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', blob, fileName);
  const file = await sendRaw<Answer<'uploadFile', 201>>('POST', '/api/v1/files', {
    body: form,
    headers: { 'idempotency-key': idempotencyKey },
  });
  return file.id;
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
      const photoIds = entry.photo ? [await upload(entry.photo, 'visit-photo', 'check-in.jpg', `${entry.id}-photo`)] : [];
      const body = { ...entry.body, photoIds, ...(fromQueue ? { offline: true } : {}) };
      return answerOf(rest.POST('/api/v1/visits', { params: { query: WGS84 }, body, headers }));
    }
    case 'check-out':
      return answerOf(
        rest.POST('/api/v1/visits/{id}/check-out', { params: { path: { id: entry.visitId }, query: WGS84 }, body: entry.body, headers }),
      );
    case 'enrollment':
      // Queued behind the check-in it cites: the visit exists on the server by the time this is sent.
      return answerOf(
        rest.POST('/api/v1/campaigns/{id}/enrollments', { params: { path: { id: entry.campaignId } }, body: entry.body, headers }),
      );
    case 'ticket-completion': {
      // Queued behind the check-in it cites. No If-Match: an edit of the ticket meanwhile does not undo work done on
      // site; the ticket's state machine still refuses a ticket no longer open (409).
      const ids: string[] = [];
      for (const file of completionUploads(entry)) ids.push(await upload(file.blob, file.purpose, file.fileName, file.idempotencyKey));
      const signatureFileId = ids.pop() ?? '';
      return answerOf(
        rest.POST('/api/v1/tickets/{id}/complete-on-site', {
          params: { path: { id: entry.ticketId } },
          body: { ...entry.body, photoIds: ids, signatureFileId },
          headers,
        }),
      );
    }
  }
}

/**
 * Sends a write at once when the device is online and answers what the server said; without a network it goes
 * to the outbox instead (answer `queued`). A refusal (4xx) is thrown, for the screen to show beside its fields.
 */
export async function sendOrQueue(entry: OutboxEntry): Promise<{ queued: true } | { queued: false; answer: unknown }> {
  if (navigator.onLine) {
    try {
      const answer = await send(entry);
      sentHistory.add(sentItemOf(entry, answer));
      return { queued: false, answer };
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
      sentHistory.add(sentItemOf(entry, await send(entry, true)));
      await outbox.remove(entry.id);
      sent += 1;
    } catch (error) {
      if (isNetworkFailure(error)) return { sent, offline: true };
      const problem = error instanceof ProblemError ? error.problem : undefined;
      if (wasCarriedOut(problem)) {
        sentHistory.add(sentItemOf(entry, undefined));
        await outbox.remove(entry.id);
        sent += 1;
        continue;
      }
      // Left pending: the next sync asks again.
      if (isStillRunning(problem)) continue;
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

/** Sends a refused write again (after the rep fixed what the server said, or when the cause has passed). */
export async function retry(entry: OutboxEntry): Promise<SyncResult> {
  const { error: _error, conflict: _conflict, ...rest } = entry;
  await outbox.update({ ...rest, state: 'pending' } as OutboxEntry);
  return syncOutbox();
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
