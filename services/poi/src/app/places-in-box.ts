import { COARSE_RESOLUTION, cellsInBox, estimatedCellsInBox } from '@fieldops/geo';
import { decodeCursor, encodeCursor, ValidationError } from '@fieldops/platform';
import type { PoiContext } from '../config';
import { type BoundingBox, placeRepository } from '../db/place.repository';
import type { PlaceScope } from '../domain/place-scope';

/** Boxes needing more coarse cells than this (~10,000 km²) are read in id order instead: most of their rows match. */
const MAX_CELLS = 2000;
const COARSE_CELL_KM2 = 5.16;

export interface BoxPage {
  places: { id: string; lat: number; lng: number; area_id: string | null }[];
  nextCursor: string | null;
}

function badCursor(field: string): never {
  throw new ValidationError([{ field, message: 'is not a cursor this API issued' }]);
}

function checkBox(box: BoundingBox): void {
  const bad =
    [box.minLat, box.maxLat].some((v) => !(v >= -90 && v <= 90)) || [box.minLng, box.maxLng].some((v) => !(v >= -180 && v <= 180));
  if (bad || box.minLat > box.maxLat) throw new ValidationError([{ field: 'box', message: 'is not a box of WGS-84 degrees (min ≤ max)' }]);
}

/**
 * A page of the active places inside a box. A small box is read cell by cell (coarse H3 cells, each by id), so a
 * page never sorts more than one cell's rows; the cursor is the cell's position and the last id. A huge box is read
 * in id order. Either way every place is answered once, in an order that does not change between pages.
 */
export async function placesInBox(
  ctx: PoiContext,
  scope: PlaceScope,
  box: BoundingBox,
  cursor: string | undefined,
  limit: number,
  cursorField = 'cursor',
): Promise<BoxPage> {
  checkBox(box);
  const key = decodeCursor(cursor);
  if (estimatedCellsInBox(box, COARSE_CELL_KM2) > MAX_CELLS) {
    const [after] = key ?? [];
    if (after !== undefined && typeof after !== 'string') badCursor(cursorField);
    const rows = await placeRepository.locationsInBox(ctx.db, box, scope, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { places: page, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }
  const cells = cellsInBox(box, COARSE_RESOLUTION);
  const [startCell = 0, startAfter] = key ?? [];
  if (typeof startCell !== 'number' || !Number.isInteger(startCell) || startCell < 0) badCursor(cursorField);
  if (startAfter !== undefined && typeof startAfter !== 'string') badCursor(cursorField);
  let position = startCell;
  let after = startAfter;
  const found: (BoxPage['places'][number] & { position: number })[] = [];
  while (position < cells.length && found.length <= limit) {
    const cell = cells[position] ?? '';
    const wanted = limit + 1 - found.length;
    const rows = await placeRepository.locationsInCellAndBox(ctx.db, cell, box, scope, after, wanted);
    const at = position;
    found.push(...rows.map((r) => ({ ...r, position: at })));
    if (rows.length < wanted) {
      position++;
      after = undefined;
    } else break;
  }
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    places: page.map(({ position: _position, ...place }) => place),
    nextCursor: found.length > limit && last ? encodeCursor([last.position, last.id]) : null,
  };
}
