/**
 * One entry of the legacy system's change feed (`GET <changesPath>?since=<sequence>`), oldest first: the record as
 * it was after the change. An entry that does not say `updated` is a record the legacy system created.
 */
export interface LegacyChange {
  sequence: number;
  operation?: 'created' | 'updated';
  record: unknown;
}

/**
 * A page's changes with each record once, in its last state (the feed carries whole records: a later one supersedes
 * the earlier), as a creation when the page holds its creation, in the order of each record's last change. FieldOps
 * so never passes through states the legacy system has already left, such as the changes FieldOps itself fed to
 * it, read back from its feed after a switch. `idOf` reads a record's id; a record without one stands alone.
 */
export function latestPerRecord(changes: LegacyChange[], idOf: (record: unknown) => unknown): LegacyChange[] {
  const byRecord = new Map<string, LegacyChange>();
  for (const change of changes) {
    const id = idOf(change.record);
    const key = id === undefined || id === null || id === '' ? `#${change.sequence}` : `id:${String(id)}`;
    const earlier = byRecord.get(key);
    const created = earlier !== undefined && earlier.operation !== 'updated';
    // Deleted and set again: the record takes the place of its last change in the feed's order.
    byRecord.delete(key);
    byRecord.set(key, created ? { ...change, operation: 'created' } : change);
  }
  return [...byRecord.values()];
}
