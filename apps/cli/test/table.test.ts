import { describe, expect, it } from 'vitest';
import { formatTable, truncate } from '../src/output/table';

describe('listings', () => {
  it('lines columns up under their headers', () => {
    expect(
      formatTable(
        ['ID', 'TYPE'],
        [
          ['1', 'leads.lead.claimed.v1'],
          ['12', 'x'],
        ],
      ),
    ).toBe(['ID  TYPE', '1   leads.lead.claimed.v1', '12  x'].join('\n'));
  });

  it('cuts a long, multi-line error to one marked line', () => {
    expect(truncate('first line\n  at stack frame', 14)).toBe('first line at…');
  });
});
