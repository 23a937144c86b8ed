import { parseCsv } from '@fieldops/platform';
import { describe, expect, it } from 'vitest';
import { readHeader, readRow } from '../src/app/import-row';

describe('parseCsv', () => {
  it('reads plain fields, LF and CRLF line ends, and skips blank lines', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n\n4,,6\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('reads quoted fields with commas, line breaks and escaped quotes', () => {
    expect(parseCsv('name,address\r\n"Ah Hock, ""the best""","1 Road\r\nUnit 2"\r\nlast,"x"')).toEqual([
      ['name', 'address'],
      ['Ah Hock, "the best"', '1 Road\r\nUnit 2'],
      ['last', 'x'],
    ]);
  });

  it('drops a byte order mark and keeps a last line without a line end', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,""')).toEqual([['a', '']]);
  });
});

describe('import rows', () => {
  const columns = readHeader(['Name', 'phone', 'address', 'category', 'lat', 'lng']);

  it('maps the header in any case and order; a missing required column fails the file', () => {
    expect(columns).toMatchObject({ name: 0, phone: 1, category: 3, lat: 4, lng: 5 });
    expect(() => readHeader(['name', 'lat'])).toThrow();
  });

  it('reads a valid row and names every field of an invalid one', () => {
    expect(readRow(['Ah Hock', '', '1 Road', 'Grocery', '1.3', '103.8'], columns)).toEqual({
      ok: true,
      input: { name: 'Ah Hock', phone: null, address: '1 Road', category: 'grocery', lat: 1.3, lng: 103.8 },
    });
    const bad = readRow(['', '', '', 'spaceship', 'north', '200'], columns);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reasons.map((r) => r.split(':')[0])).toEqual(['name', 'category', 'lat', 'lng']);
  });
});
