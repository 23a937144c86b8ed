import { describe, expect, it } from 'vitest';
import { coveringSubject } from '../src/events/nats-stream';

// What a server before 2.10 (one filter subject per consumer) is asked to filter on.
describe('the one subject covering a consumer’s types', () => {
  it('is the subject itself for one type', () => {
    expect(coveringSubject('p', ['p.leads.lead.created.v1'])).toBe('p.leads.lead.created.v1');
  });

  it('is the narrowest wildcard over types that share their first tokens', () => {
    expect(coveringSubject('p', ['p.checkin.visit.checked-in.v1', 'p.checkin.visit.checked-out.v1'])).toBe('p.checkin.visit.>');
    expect(coveringSubject('p', ['p.checkin.visit.checked-out.v1', 'p.checkin.visit.flagged.v1', 'p.checkin.review.done.v1'])).toBe(
      'p.checkin.>',
    );
  });

  it('takes a wildcard pattern’s own tokens, not one fewer', () => {
    expect(coveringSubject('p', ['p.merchant.merchant.>', 'p.merchant.merchant.created.v1'])).toBe('p.merchant.merchant.>');
  });

  it('is nothing when only the whole stream covers them', () => {
    expect(coveringSubject('p', ['p.leads.lead.created.v1', 'p.merchant.merchant.created.v1'])).toBeUndefined();
    expect(coveringSubject('p', ['p.>'])).toBe('p.>');
  });
});
