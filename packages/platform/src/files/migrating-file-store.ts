import type { Readable } from 'node:stream';
import { type DownloadHeaders, type FileStore, type PutOptions, readAll, type StoredObjectInfo } from './file-store';

/** The steps of moving files from one store to another, in order (see docs/operations.md). */
export const FILES_MIGRATION_PHASES = ['dual-write-read-old', 'dual-write-read-new', 'single-new'] as const;
export type FilesMigrationPhase = (typeof FILES_MIGRATION_PHASES)[number];

/**
 * One `FileStore` over an old and a new store while files move between them. Dual phases write every object to
 * both and read from the phase's primary, falling back to the other when the primary lacks the key (objects
 * written before dual writes began, until the backfill copied them). `single-new` uses the new store only.
 */
export class MigratingFileStore implements FileStore {
  readonly description: string;

  constructor(
    readonly oldStore: FileStore,
    readonly newStore: FileStore,
    readonly phase: FilesMigrationPhase,
  ) {
    this.description = `${phase}: ${oldStore.description} → ${newStore.description}`;
  }

  /** Where reads go first, then where they fall back to (none in single-new). */
  private get readOrder(): FileStore[] {
    if (this.phase === 'dual-write-read-old') return [this.oldStore, this.newStore];
    if (this.phase === 'dual-write-read-new') return [this.newStore, this.oldStore];
    return [this.newStore];
  }

  private get writeTargets(): FileStore[] {
    return this.phase === 'single-new' ? [this.newStore] : [this.newStore, this.oldStore];
  }

  private get primary(): FileStore {
    return this.readOrder[0] ?? this.newStore;
  }

  async put(key: string, body: Uint8Array | Readable, options?: PutOptions): Promise<void> {
    const targets = this.writeTargets;
    // A stream can be read once; two targets need the bytes twice.
    const bytes = targets.length > 1 && !(body instanceof Uint8Array) ? await readAll(body) : body;
    for (const store of targets) await store.put(key, bytes, options);
  }

  async get(key: string): Promise<Readable | undefined> {
    for (const store of this.readOrder) {
      const found = await store.get(key);
      if (found) return found;
    }
    return undefined;
  }

  async head(key: string): Promise<StoredObjectInfo | undefined> {
    return (await this.holderOf(key))?.info;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.holderOf(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    for (const store of this.writeTargets) await store.delete(key);
  }

  async presignGet(key: string, expiresInSeconds: number, headers?: DownloadHeaders): Promise<string> {
    const holder = (await this.holderOf(key))?.store ?? this.primary;
    return holder.presignGet(key, expiresInSeconds, headers);
  }

  /** Uploads land in the primary; whoever completes them reads through this store and writes to every target. */
  async presignPut(key: string, expiresInSeconds: number, options?: { contentType?: string }): Promise<string> {
    return this.primary.presignPut(key, expiresInSeconds, options);
  }

  async close(): Promise<void> {
    await Promise.all([this.oldStore.close(), this.newStore.close()]);
  }

  private async holderOf(key: string): Promise<{ store: FileStore; info: StoredObjectInfo } | undefined> {
    for (const store of this.readOrder) {
      const info = await store.head(key);
      if (info) return { store, info };
    }
    return undefined;
  }
}
