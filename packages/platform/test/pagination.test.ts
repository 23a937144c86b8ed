import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeIdCursor, encodeCursor, ValidationError } from '../src/index';

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return error instanceof ValidationError ? error.errors : error;
  }
  return 'accepted';
};

describe('the one cursor codec', () => {
  it('reads back what it wrote; no cursor is the first page', () => {
    expect(decodeCursor(encodeCursor([1733300000000, 'b']), ['number', 'string'])).toEqual([1733300000000, 'b']);
    expect(decodeIdCursor(encodeCursor(['0193-id']))).toBe('0193-id');
    expect(decodeIdCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON that is not a key', Buffer.from('{"id":"x"}').toString('base64url')],
    ['an empty key', encodeCursor([])],
    ['a key of another list', encodeCursor([1733300000000, 'b'])],
    ['a number where an id goes', encodeCursor([42])],
    ['a cursor with junk around it', `${encodeCursor(['x'])}!!`],
  ])('refuses %s with 400 naming /query/cursor', (_what, cursor) => {
    expect(refusal(() => decodeIdCursor(cursor))).toEqual([{ field: '/query/cursor', message: 'is not a cursor this API issued' }]);
  });
});
