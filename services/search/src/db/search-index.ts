import type { DocumentPatch, DocumentType, SearchDocument } from '../domain/search-document';
import type { SearchQuery, SearchResult } from '../domain/search-query';
import type { Visibility } from '../domain/visibility';

/** How a write is committed. */
export interface WriteOptions {
  /**
   * Held open with the other held writes until `commitHeld`, instead of committed on its own: the search consumers'
   * writes, committed once for every event one transaction of the search database applies, just before it commits.
   * Readers of this index in the same process see a held write at once. (Elasticsearch holds nothing.)
   */
  held?: boolean;
}

/**
 * The search read model's store: the SQLite driver (FTS5 + H3 cells, embedded) or the Elasticsearch/OpenSearch
 * driver. Every write is order-safe on its own: a document with a version not above the stored one is ignored, so
 * replays, duplicates and a rebuild racing live events all converge on the newest version.
 */
export interface SearchIndex {
  readonly driver: 'sqlite' | 'elasticsearch';
  /** Stores each document unless the stored one is as new or newer. */
  put(docs: SearchDocument[], options?: WriteOptions): Promise<void>;
  /** Changes part of a document when `version` is newer (null: a change without version, always applied). */
  patch(type: DocumentType, id: string, changes: DocumentPatch, version: number | null, options?: WriteOptions): Promise<boolean>;
  get(type: DocumentType, id: string): Promise<SearchDocument | undefined>;
  /** Follows a user's new name into every document they own. */
  renameOwner(ownerId: string, ownerName: string, options?: WriteOptions): Promise<void>;
  /** Follows new area paths into every document filed under those areas. */
  setAreaPaths(paths: Map<string, string>, options?: WriteOptions): Promise<void>;
  /** Commits the writes held so far (see `WriteOptions.held`); nothing to do when none are. */
  commitHeld(): Promise<void>;
  search(query: SearchQuery, visibility: Visibility): Promise<SearchResult>;
  /** Makes an index opened by `IndexLocation.build` ready to serve (what only queries need, left out while it filled). */
  finishBuilding(): Promise<void>;
  /** Every document of a type, in id order (carrying a skipped source's documents over into a rebuilt index). */
  scan(type: DocumentType, afterId: string, limit: number): Promise<SearchDocument[]>;
  /** Documents stored, of one type or of all. */
  count(type?: DocumentType): Promise<number>;
  close(): Promise<void>;
  /** Deletes the index's storage (an abandoned or replaced generation). */
  destroy(): Promise<void>;
}
