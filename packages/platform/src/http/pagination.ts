import { Type } from 'typebox';
import { ValidationError } from '../errors';

/** Query-string fields shared by every list endpoint (spread them into a route's querystring schema). */
export const pageQueryFields = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' }),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'The nextCursor of the previous page' })),
};
export const PageQuery = Type.Object(pageQueryFields);

/** The answer shape of every list endpoint. */
export function PageOf<T extends Parameters<typeof Type.Array>[0]>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The kinds of value a cursor's sort key holds, in order: `['string']` for an id, `['number', 'string']` for time and id. */
export type CursorShape = readonly ('string' | 'number')[];

const NOT_OURS = 'is not a cursor this API issued';

/**
 * Reads a cursor this API issued, or answers 400 naming `/query/cursor`: one that is not base64url JSON, that is
 * not exactly what `encodeCursor` writes, or (given `shape`) whose key is not of that shape — a cursor of another
 * list — never silently starts over at the first page.
 */
export function decodeCursor(cursor: string | undefined, shape?: CursorShape): unknown[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits = (k: unknown[]) => !shape || (k.length === shape.length && shape.every((kind, i) => typeof k[i] === kind));
  if (Array.isArray(key) && encodeCursor(key) === cursor && fits(key)) return key;
  throw new ValidationError([{ field: '/query/cursor', message: NOT_OURS }]);
}

/** The cursor of a list in id order: the last id, or undefined for the first page. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  const key = decodeCursor(cursor, ['string']);
  return typeof key?.[0] === 'string' ? key[0] : undefined;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that another page exists.
 * `keyOf` gives the sort key the next query continues after.
 */
export function toPage<Row, Item>(rows: Row[], limit: number, keyOf: (row: Row) => unknown[], map: (row: Row) => Item): Page<Item> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
