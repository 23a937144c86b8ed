import { describe, expect, it } from 'vitest';
import { type LegacyChange, latestPerRecord } from '../src/domain/legacy-changes';

const idOf = (record: unknown) => (typeof record === 'object' && record !== null && 'shop_id' in record ? record.shop_id : undefined);
const change = (sequence: number, operation: LegacyChange['operation'], shop_id: string | undefined, shop_name: string): LegacyChange => ({
  sequence,
  ...(operation ? { operation } : {}),
  record: { shop_id, shop_name },
});

describe('reading a page of the legacy change feed', () => {
  it('hands on each record once, in its last state, in the order of its last change', () => {
    const page = [change(1, 'updated', 'a', 'A1'), change(2, 'updated', 'b', 'B1'), change(3, 'updated', 'a', 'A2')];
    expect(latestPerRecord(page, idOf)).toEqual([change(2, 'updated', 'b', 'B1'), change(3, 'updated', 'a', 'A2')]);
  });

  it('a record created and changed in the same page is a creation in its last state', () => {
    const page = [change(1, undefined, 'a', 'A1'), change(2, 'updated', 'a', 'A2'), change(3, 'created', 'b', 'B1')];
    expect(latestPerRecord(page, idOf)).toEqual([change(2, 'created', 'a', 'A2'), change(3, 'created', 'b', 'B1')]);
  });

  it('records without an id are not merged with one another', () => {
    const page = [change(1, 'created', undefined, 'X'), change(2, 'created', undefined, 'Y')];
    expect(latestPerRecord(page, idOf)).toEqual(page);
  });
});
