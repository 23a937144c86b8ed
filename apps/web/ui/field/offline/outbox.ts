import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { BodyOf } from '../../shared/api/client';

/** A write made in the field, kept on the device until the server has it. */
export type OutboxEntry =
  | (OutboxBase & { kind: 'lead'; body: NewLeadBody })
  | (OutboxBase & { kind: 'check-in'; body: CheckInBody; photo: Blob | null })
  | (OutboxBase & { kind: 'check-out'; visitId: string; body: CheckOutBody });

interface OutboxBase {
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

/** The bodies of the queued writes, as the API takes them. */
export type NewLeadBody = BodyOf<'createLead'>;
export type CheckInBody = BodyOf<'checkIn'>;
export type CheckOutBody = BodyOf<'checkOut'>;

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { createdAt: string } };
}

let opened: Promise<IDBPDatabase<OutboxDb>> | undefined;
const listeners = new Set<() => void>();

function db(): Promise<IDBPDatabase<OutboxDb>> {
  opened ??= openDB<OutboxDb>('fieldops-field', 1, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    },
  });
  return opened;
}

function changed(): void {
  for (const listener of listeners) listener();
}

/** The queue of writes waiting for the network, in IndexedDB so it survives closing the app. */
export const outbox = {
  async add(entry: OutboxEntry): Promise<void> {
    await (await db()).put('outbox', entry);
    changed();
  },
  async all(): Promise<OutboxEntry[]> {
    return (await db()).getAllFromIndex('outbox', 'createdAt');
  },
  async update(entry: OutboxEntry): Promise<void> {
    await (await db()).put('outbox', entry);
    changed();
  },
  async remove(id: string): Promise<void> {
    await (await db()).delete('outbox', id);
    changed();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
