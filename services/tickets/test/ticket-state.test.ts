import { describe, expect, it } from 'vitest';
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
    for (const state of ['new', 'assigned', 'in_progress', 'pending'] as const)
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
});
