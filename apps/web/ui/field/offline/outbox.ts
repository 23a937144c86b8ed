import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { BodyOf } from '../../shared/api/client';
import type { TicketCompletionEntry } from '../tickets/completion-entry';
import type { OutboxBase } from './outbox-base';

/** A write made in the field, kept on the device until the server has it. */
export type OutboxEntry =
  | (OutboxBase & { kind: 'lead'; body: NewLeadBody })
  | (OutboxBase & { kind: 'check-in'; body: CheckInBody; photo: Blob | null })
  | (OutboxBase & { kind: 'check-out'; visitId: string; body: CheckOutBody; target?: CheckOutTarget })
  | (OutboxBase & { kind: 'enrollment'; campaignId: string; body: EnrollBody })
  | TicketCompletionEntry;

/** Where a queued check-out's visit is, so a refused one can be opened again to edit. */
export interface CheckOutTarget {
  type: string;
  id: string;
  checkedInAt: string;
}

/** The bodies of the queued writes, as the API takes them. */
export type NewLeadBody = BodyOf<'createLead'>;
export type CheckInBody = BodyOf<'checkIn'>;
export type CheckOutBody = BodyOf<'checkOut'>;
export type EnrollBody = BodyOf<'enrollMerchant'>;

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
