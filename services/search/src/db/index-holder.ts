import type { DocumentPatch, DocumentType, SearchDocument } from '../domain/search-document';
import type { SearchIndex, WriteOptions } from './search-index';

/**
 * The index that serves, and during a rebuild the one being built. Writes go to both, so events that arrive while a
 * rebuild runs are not lost in the new index: the version check lets the newer of (export, event) win in each. They
 * are the consumers' writes, made inside a transaction of the search database. With `holdWrites`, each index holds
 * them until `commitHeld`, which must run just before that transaction commits: the events of one commit are then one
 * index commit.
 */
export class IndexHolder {
  private building: SearchIndex | null = null;
  rebuild: { startedAt: number; done: number; total: number; label: string } | null = null;
  private readonly writes: WriteOptions;

  constructor(
    public current: SearchIndex,
    { holdWrites = false }: { holdWrites?: boolean } = {},
  ) {
    this.writes = { held: holdWrites };
  }

  private get targets(): SearchIndex[] {
    return this.building ? [this.current, this.building] : [this.current];
  }

  async put(docs: SearchDocument[]): Promise<void> {
    for (const index of this.targets) await index.put(docs, this.writes);
  }

  /**
   * Patches each index's own copy. The one being built must not take the serving copy: its other fields may be stale
   * and the rebuild is remaking them. A document the rebuild has not reached yet comes from its export, which already
   * reads the change.
   */
  async patch(type: DocumentType, id: string, changes: DocumentPatch, version: number | null): Promise<boolean> {
    const changed = await this.current.patch(type, id, changes, version, this.writes);
    if (this.building) await this.building.patch(type, id, changes, version, this.writes);
    return changed;
  }

  async renameOwner(ownerId: string, name: string): Promise<void> {
    for (const index of this.targets) await index.renameOwner(ownerId, name, this.writes);
  }

  async setAreaPaths(paths: Map<string, string>): Promise<void> {
    for (const index of this.targets) await index.setAreaPaths(paths, this.writes);
  }

  /** Commits the held writes of both indexes: run before each transaction of the search database commits. */
  async commitHeld(): Promise<void> {
    for (const index of this.targets) await index.commitHeld();
  }

  startBuilding(index: SearchIndex): void {
    if (this.building) throw new Error('a rebuild is already running');
    this.building = index;
  }

  get isBuilding(): boolean {
    return this.building !== null;
  }

  /** The new index serves from now on; the old one is handed back for disposal. */
  swap(): SearchIndex {
    if (!this.building) throw new Error('no rebuild to finish');
    const old = this.current;
    this.current = this.building;
    this.building = null;
    return old;
  }

  /** Gives up a rebuild; the index being built is handed back for disposal. */
  abandon(): SearchIndex | null {
    const building = this.building;
    this.building = null;
    return building;
  }
}
