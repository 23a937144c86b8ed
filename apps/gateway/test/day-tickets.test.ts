import { describe, expect, it } from 'vitest';
import { dueOf } from '../src/graphql/day-resolvers';

describe('when a ticket is due, as my day sees it', () => {
  const now = new Date('2026-12-05T02:00:00.000Z'); // 10:00 in Singapore
  const due = (breachAt: string | null) => dueOf(breachAt, '2026-12-05', 'Asia/Singapore', now);

  it('is overdue once the breach has passed, today until the country’s midnight, later after it', () => {
    expect(due('2026-12-05T01:59:59.000Z')).toBe('overdue');
    expect(due('2026-12-04T09:00:00.000Z')).toBe('overdue');
    expect(due('2026-12-05T15:59:59.000Z')).toBe('today'); // 23:59:59 in Singapore
    expect(due('2026-12-05T16:00:00.000Z')).toBe('later'); // midnight in Singapore, still the 5th in UTC
    expect(due(null)).toBe('none');
  });
});
