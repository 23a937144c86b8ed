import { describe, expect, it } from 'vitest';
import { verdictOf } from '../src/app/on-site-evidence';
import { allowedFrom, TICKET_STATES, type TicketState, transition } from '../src/domain/ticket-state';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 3, 0);

function aTicket(state: TicketState, overrides: { assigneeId?: string | null; resolvedAt?: number | null } = {}) {
  return { state, assigneeId: 'u1', resolvedAt: null, ...overrides };
}

const request = (to: TicketState, extra: { pendingOn?: 'merchant' | 'third_party' } = {}) => ({
  to,
  now: NOW,
  reopenWindowMs: 7 * DAY,
  ...extra,
});

describe('the ticket state machine', () => {
  it('walks the happy path new → assigned → in_progress → pending → in_progress → resolved → closed', () => {
    const path: [TicketState, TicketState][] = [
      ['new', 'assigned'],
      ['assigned', 'in_progress'],
      ['in_progress', 'pending'],
      ['pending', 'in_progress'],
      ['in_progress', 'resolved'],
    ];
    for (const [from, to] of path) {
      const decision = transition(aTicket(from), request(to, { pendingOn: 'merchant' }));
      expect(decision, `${from} → ${to}`).toMatchObject({ ok: true, kind: 'transitioned', state: to });
    }
    expect(transition(aTicket('resolved', { resolvedAt: NOW }), request('closed'))).toMatchObject({ ok: true, state: 'closed' });
  });

  it('an illegal move names what is allowed from where the ticket is', () => {
    const decision = transition(aTicket('new'), request('resolved'));
    expect(decision).toEqual({
      ok: false,
      code: 'illegal',
      message: 'A new ticket cannot move to resolved; allowed: assigned, canceled.',
      allowed: ['assigned', 'canceled'],
    });
  });

  it('nothing leaves a canceled ticket', () => {
    expect(allowedFrom('canceled')).toEqual([]);
    for (const to of TICKET_STATES) expect(transition(aTicket('canceled'), request(to)).ok).toBe(false);
  });

  it('every open state can be canceled; resolved and closed cannot', () => {
    for (const state of ['new', 'assigned', 'in_progress', 'pending', 'review'] as const)
      expect(transition(aTicket(state), request('canceled')).ok).toBe(true);
    for (const state of ['resolved', 'closed'] as const) expect(transition(aTicket(state), request('canceled')).ok).toBe(false);
  });

  it('a ticket without an assignee cannot become assigned', () => {
    expect(transition(aTicket('new', { assigneeId: null }), request('assigned'))).toMatchObject({ ok: false, code: 'unassigned' });
  });

  it('pending says what it waits on, and only while pending', () => {
    expect(transition(aTicket('in_progress'), request('pending'))).toMatchObject({ ok: false, code: 'pending-on' });
    expect(transition(aTicket('in_progress'), request('pending', { pendingOn: 'third_party' }))).toMatchObject({
      ok: true,
      pendingOn: 'third_party',
    });
    expect(transition(aTicket('pending'), request('in_progress', { pendingOn: 'merchant' }))).toMatchObject({ ok: true, pendingOn: null });
  });

  it('a resolved or closed ticket reopens within the window, and not a millisecond after', () => {
    const resolvedAt = NOW - 7 * DAY;
    expect(transition(aTicket('resolved', { resolvedAt }), request('in_progress'))).toMatchObject({ ok: true, kind: 'reopened' });
    expect(transition(aTicket('closed', { resolvedAt }), request('in_progress'))).toMatchObject({ ok: true, kind: 'reopened' });
    const late = transition(aTicket('closed', { resolvedAt: resolvedAt - 1 }), request('in_progress'));
    expect(late).toMatchObject({ ok: false, code: 'reopen-window', message: 'A ticket can be reopened within 7 days of its resolution.' });
  });

  it('only an on-site completion enters review, and only a reviewer’s decision leaves it (cancel aside)', () => {
    expect(transition(aTicket('in_progress'), request('review'))).toMatchObject({ ok: false, code: 'needs-on-site' });
    expect(transition(aTicket('in_progress'), { ...request('review'), command: 'on-site' })).toMatchObject({ ok: true, state: 'review' });
    expect(transition(aTicket('review'), request('resolved'))).toMatchObject({ ok: false, code: 'needs-review' });
    expect(transition(aTicket('review'), { ...request('resolved'), command: 'review' })).toMatchObject({ ok: true, state: 'resolved' });
    expect(transition(aTicket('review'), { ...request('in_progress'), command: 'review' })).toMatchObject({
      ok: true,
      kind: 'transitioned',
      state: 'in_progress',
    });
    expect(transition(aTicket('review'), request('canceled'))).toMatchObject({ ok: true, state: 'canceled' });
    expect(transition(aTicket('review'), { ...request('closed'), command: 'review' })).toMatchObject({ ok: false, code: 'illegal' });
  });

  it('a resolved ticket goes back to review only on its visit’s late flag; nothing else enters review that way', () => {
    expect(transition(aTicket('resolved'), { ...request('review'), command: 'visit-flagged' })).toMatchObject({
      ok: true,
      state: 'review',
    });
    expect(transition(aTicket('resolved'), request('review'))).toMatchObject({ ok: false, code: 'needs-on-site' });
    expect(transition(aTicket('resolved'), { ...request('review'), command: 'on-site' })).toMatchObject({
      ok: false,
      code: 'needs-on-site',
    });
    expect(transition(aTicket('in_progress'), { ...request('review'), command: 'visit-flagged' })).toMatchObject({ ok: false });
    expect(transition(aTicket('closed'), { ...request('review'), command: 'visit-flagged' })).toMatchObject({ ok: false, code: 'illegal' });
  });
});

describe('the visit verdict an on-site completion reads', () => {
  const visit = (verification: string, riskScore: number) => ({
    verification,
    riskScore,
    riskSignals: riskScore > 0 ? [{ code: 'mock-location', weight: riskScore, detail: '' }] : [],
  });

  it('follows the checkin service once it has decided, and the country threshold while the visit is open', () => {
    expect(verdictOf(visit('verified', 0), 50).outcome).toBe('verified');
    expect(verdictOf(visit('approved', 60), 50).outcome).toBe('verified');
    expect(verdictOf(visit('pending-review', 60), 50).outcome).toBe('flagged');
    expect(verdictOf(visit('rejected', 0), 50).outcome).toBe('flagged');
    expect(verdictOf(visit('open', 49), 50).outcome).toBe('verified');
    expect(verdictOf(visit('open', 50), 50)).toMatchObject({ outcome: 'flagged', signals: ['mock-location'], riskScore: 50 });
  });
});
