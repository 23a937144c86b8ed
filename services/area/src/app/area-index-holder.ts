import type { Kysely } from 'kysely';
import { type AreaRow, areaRepository } from '../db/area.repository';
import { stateRepository } from '../db/coverage.repository';
import type { AreaDb } from '../db/schema';
import { AreaIndex, type IndexedArea, indexedArea } from '../domain/area-index';
import { pathIds } from '../domain/area-kind';
import type { AreaGeometry } from '../domain/geometry';

export const INDEX_VERSION = 'index_version';

export function toIndexedArea(row: AreaRow): IndexedArea {
  return indexedArea({
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    priority: Number(row.priority),
    pathIds: pathIds(row.path),
    version: Number(row.version),
    geometry: JSON.parse(row.geometry) as AreaGeometry,
  });
}

/**
 * This process's spatial index of every area. Every write that the index must see bumps `index_version` in its
 * own transaction. A replica reads that one row at most every `pollMs` (on the next lookup after the interval, so
 * an idle replica costs nothing) and, when it moved, reloads only the areas whose version differs from what it
 * holds, then rebuilds the flatbush tree (milliseconds for thousands of boxes). The replica that wrote marks the
 * index stale right after its commit, so its own callers read their writes at once.
 */
export class AreaIndexHolder {
  private index = new AreaIndex([]);
  private loadedVersion = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private stale = true;
  private refreshing: Promise<AreaIndex> | undefined;

  constructor(
    private readonly db: Kysely<AreaDb>,
    private readonly pollMs: number,
  ) {}

  /**
   * The index, reloaded first when areas changed. `latest` reads the version row now instead of trusting a check made
   * within the poll interval: a consumer reacting to an area's event must resolve against at least that change, and the
   * event can reach it before the writer marked its index stale (the relay reads the outbox on its own connection) or
   * from another replica that has not polled since.
   */
  async current(options: { latest?: boolean } = {}): Promise<AreaIndex> {
    if (options.latest) this.markStale();
    if (!this.stale && performance.now() - this.checkedAt < this.pollMs) return this.index;
    if (this.refreshing) {
      // A refresh that began before the latest commit may have missed it: `stale` says whether to go again.
      const index = await this.refreshing;
      if (!this.stale) return index;
    }
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Called after a commit that changed areas: the next lookup reloads. */
  markStale(): void {
    this.stale = true;
  }

  private async refresh(): Promise<AreaIndex> {
    this.stale = false;
    this.checkedAt = performance.now();
    const version = await stateRepository.get(this.db, INDEX_VERSION);
    if (version === this.loadedVersion) return this.index;
    const versions = await areaRepository.versions(this.db);
    const kept: IndexedArea[] = [];
    const changed: string[] = [];
    for (const { id, version: rowVersion } of versions) {
      const held = this.index.get(id);
      if (held && held.version === Number(rowVersion)) kept.push(held);
      else changed.push(id);
    }
    const loaded: IndexedArea[] = [];
    for (let i = 0; i < changed.length; i += 500) {
      for (const row of await areaRepository.findMany(this.db, changed.slice(i, i + 500))) loaded.push(toIndexedArea(row));
    }
    this.index = new AreaIndex([...kept, ...loaded]);
    this.loadedVersion = version;
    return this.index;
  }
}
