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

export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key;
  } catch {
    // falls through to the validation error below
  }
  throw new ValidationError([{ field: '/query/cursor', message: 'is not a cursor this API issued' }]);
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
