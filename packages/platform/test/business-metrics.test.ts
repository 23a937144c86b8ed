import { describe, expect, it } from 'vitest';
import { buildEnvelope } from '../src/events/envelope';
import { businessLabels } from '../src/observability/business-metrics';

const event = (type: string, data: unknown, country?: string) =>
  buildEnvelope('test', { type, subject: 's1', data, ...(country ? { country } : {}) }, Date.UTC(2026, 0, 1));

describe('business metric labels of a published event', () => {
  it('names the event without its version and keeps its country', () => {
    expect(businessLabels(event('leads.lead.claimed.v1', { leadId: 'l1' }, 'SG'))).toEqual({
      event: 'leads.lead.claimed',
      country: 'SG',
      outcome: '',
    });
  });

  it("takes a visit's verification, a review's decision and a merchant's new status as the outcome", () => {
    expect(businessLabels(event('checkin.visit.checked-in.v1', { verification: 'open', repId: 'u1' }, 'CN')).outcome).toBe('open');
    expect(businessLabels(event('checkin.visit.checked-out.v1', { verification: 'verified', repId: 'u1' }, 'CN')).outcome).toBe('verified');
    expect(businessLabels(event('checkin.visit.reviewed.v1', { decision: 'reject', reviewerId: 'u2' })).outcome).toBe('reject');
    expect(businessLabels(event('merchant.merchant.status-changed.v1', { from: 'active', to: 'churned' })).outcome).toBe('churned');
  });

  it('never takes an id or free text as a label', () => {
    const labels = businessLabels(event('tickets.ticket.opened.v1', { id: 't-123', title: 'Printer on fire', assigneeId: 'u9' }, 'BR'));
    expect(Object.values(labels)).toEqual(['tickets.ticket.opened', 'BR', '']);
  });

  it('leaves the outcome empty when the field is missing or not a string', () => {
    expect(businessLabels(event('checkin.visit.checked-in.v1', { verification: 3 })).outcome).toBe('');
    expect(businessLabels(event('merchant.merchant.status-changed.v1', {})).outcome).toBe('');
  });
});
