import { gridRing, latLngToCell } from 'h3-js';
import type { LatLng } from './distance';
import { type CellReach, COARSE_RESOLUTION, cellReach, FINE_RESOLUTION, type IndexResolution } from './h3-cells';

/** Cells to read next, all of one resolution. */
export interface CellBatch {
  resolution: IndexResolution;
  cells: string[];
}

export interface CircleCoverOptions {
  /** Points closer than this are not wanted (a page cursor's distance): cells lying wholly inside are skipped. */
  skipWithin?: number;
  /** Fine cells are read up to this distance; farther out, coarse ones (fewer cells, more rows each). */
  fineUpTo?: number;
}

/**
 * Hands out the H3 cells around a point ring by ring, nearest first, so that a nearby search can read a few cells at
 * a time and stop as soon as it has enough. After each batch, every point whose distance is at least `skipWithin`
 * and less than `coveredTo` (and within the radius) lies in a cell already handed out.
 *
 * Why that holds: a ring's cells are all at one grid distance from the centre's cell, and a straight path from the
 * centre to a point crosses every ring before the point's own. So no point beyond the rings handed out is closer
 * than the nearest possible point of the next ring, which `cellReach` bounds from below.
 */
export class CircleCover {
  private resolution: IndexResolution = FINE_RESOLUTION;
  private origin: string;
  private ring = 0;
  private nextRing: CellReach[];
  /** Below this distance every point is unwanted or already covered: cells wholly inside it are skipped. */
  private skipBelow: number;
  private covered: number;
  private readonly fineUpTo: number;

  constructor(
    readonly centre: LatLng,
    readonly radius: number,
    options: CircleCoverOptions = {},
  ) {
    this.skipBelow = options.skipWithin ?? 0;
    this.covered = this.skipBelow;
    this.fineUpTo = options.fineUpTo ?? 3000;
    this.origin = latLngToCell(centre.lat, centre.lng, this.resolution);
    this.nextRing = this.reachOfRing(0);
  }

  /** Every wanted point closer than this has been handed out (metres). */
  get coveredTo(): number {
    return this.covered;
  }

  /** Whether every point within the radius has been handed out. */
  get done(): boolean {
    return this.covered > this.radius;
  }

  /**
   * The next cells, enough that `coveredTo` passes `target` (capped at the radius); always at least one ring when
   * not done, so a loop calling it makes progress. Empty once done.
   */
  next(target: number): CellBatch {
    const goal = Math.min(target, this.radius);
    if (this.resolution === FINE_RESOLUTION && goal > this.fineUpTo && !this.done) this.coarsen();
    const cells: string[] = [];
    while (!this.done) {
      for (const reach of this.nextRing) {
        if (reach.max >= this.skipBelow && reach.min <= this.radius) cells.push(reach.cell);
      }
      this.ring++;
      this.nextRing = this.reachOfRing(this.ring);
      const nearest = Math.min(...this.nextRing.map((r) => r.min));
      this.covered = Math.max(this.covered, nearest);
      if (this.covered > goal) break;
    }
    return { resolution: this.resolution, cells };
  }

  /** Continues with coarse cells; those wholly inside what fine ones covered are skipped. */
  private coarsen(): void {
    this.resolution = COARSE_RESOLUTION;
    this.skipBelow = Math.max(this.skipBelow, this.covered);
    this.origin = latLngToCell(this.centre.lat, this.centre.lng, this.resolution);
    this.ring = 0;
    this.nextRing = this.reachOfRing(0);
  }

  private reachOfRing(k: number): CellReach[] {
    return gridRing(this.origin, k).map((cell) => cellReach(this.centre, cell));
  }
}
