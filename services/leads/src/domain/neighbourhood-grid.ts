import type { LatLng } from '@fieldops/geo';

const METRES_PER_DEGREE = 111_320;

/**
 * Items kept by position and phone, answering those that may lie within `radiusM` of a point or share its phone: a
 * grid of squares `radiusM` tall, so a point's neighbours are in its own row and the next ones, and as many columns
 * either side as a square's width in metres (shrinking with the latitude) takes. Candidates only: the caller
 * measures.
 */
export class NeighbourhoodGrid<T> {
  private readonly step: number;
  private readonly cells = new Map<string, T[]>();
  private readonly phones = new Map<string, T[]>();

  constructor(radiusM: number) {
    this.step = radiusM / METRES_PER_DEGREE;
  }

  add(point: LatLng, phone: string | null, item: T): void {
    const key = this.key(Math.floor(point.lat / this.step), Math.floor(point.lng / this.step));
    this.cells.set(key, [...(this.cells.get(key) ?? []), item]);
    if (phone !== null) this.phones.set(phone, [...(this.phones.get(phone) ?? []), item]);
  }

  candidates(point: LatLng, phone: string | null): T[] {
    const row = Math.floor(point.lat / this.step);
    const column = Math.floor(point.lng / this.step);
    const widest = Math.cos((Math.min(89, Math.abs(point.lat) + this.step) * Math.PI) / 180);
    const columns = Math.ceil(1 / widest);
    const found = new Set<T>(phone === null ? [] : (this.phones.get(phone) ?? []));
    for (let r = row - 1; r <= row + 1; r++) {
      for (let c = column - columns; c <= column + columns; c++) for (const item of this.cells.get(this.key(r, c)) ?? []) found.add(item);
    }
    return [...found];
  }

  private key(row: number, column: number): string {
    return `${row}:${column}`;
  }
}
