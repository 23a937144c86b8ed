import { describe, expect, it } from 'vitest';
import { dueActions, nextDueAt, summarizeSla } from '../src/domain/sla/index';
import { aTicket, clockOf, rows } from './sla-history-builder';

// Every case runs on the real CN calendar in March 2026 (no holiday that month): 09:00-18:00 at +08:00, 540 a day.
// equipment-repair uses the standard policy: normal = first response 240, next response 480, resolution 1440,
// warn 60 before, escalations +120 and +480; low = 480 / 960 / 2400; urgent = 30 / 60 / 240, escalations +30, +120.

describe('SLA clocks through a ticket’s life', () => {
  describe('pending pauses every open clock and leaving it resumes them', () => {
    const story = () =>
      aTicket('CN', 'equipment-repair')
        .opened('2026-03-02T09:00:00+08:00', 'normal')
        // Assigning and an internal note answer nobody; accepting the work (in progress) does.
        .movedTo('assigned', '2026-03-02T09:10:00+08:00')
        .staffNoted('2026-03-02T09:20:00+08:00')
        .movedTo('in_progress', '2026-03-02T09:30:00+08:00')
        .movedTo('pending', '2026-03-02T11:00:00+08:00');

    it('a paused clock has no due time and nothing comes due', () => {
      const report = story().slaAt('2026-03-03T10:00:00+08:00');
      // First response: 09:00-09:30 = 30 of 240, met when the work was accepted.
      expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'met', elapsedMinutes: 30 });
      // Resolution: 09:00-11:00 = 120, then pending: 1440 - 120 = 1320 left, frozen.
      expect(clockOf(report, 'resolution')).toMatchObject({
        status: 'paused',
        open: true,
        elapsedMinutes: 120,
        remainingMinutes: 1320,
        dueAt: null,
      });
      expect(nextDueAt(report)).toBeNull();
      expect(dueActions(report, new Date('2026-03-03T10:00:00+08:00'))).toEqual([]);
    });

    it('runs again from the instant it leaves pending', () => {
      const report = story().movedTo('in_progress', '2026-03-03T14:00:00+08:00').slaAt('2026-03-03T14:00:00+08:00');
      // 1320 left from Tue 14:00: 240 that day (1080), Wed 540 (540), Thu 540 → Thu 18:00 local.
      expect(clockOf(report, 'resolution')).toMatchObject({ status: 'running', dueAt: '2026-03-05T10:00:00.000Z' });
    });

    it('resumes from where it stopped, the pause shown as one paused stretch', () => {
      const report = story().movedTo('in_progress', '2026-03-03T14:00:00+08:00').slaAt('2026-03-03T15:00:00+08:00');
      const resolution = clockOf(report, 'resolution');
      // 120 before the pause + Tue 14:00-15:00 = 180; 1260 left. Due: Tue 15:00-18:00 180 (1080 left),
      // Wed 540 (540 left), Thu 540 → Thu 18:00 local = 10:00 UTC.
      // Warn at 1380: 60 earlier, Thu 17:00 local.
      expect(resolution).toMatchObject({
        status: 'running',
        elapsedMinutes: 180,
        remainingMinutes: 1260,
        dueAt: '2026-03-05T10:00:00.000Z',
        warnAt: '2026-03-05T09:00:00.000Z',
      });
      expect(rows(resolution)).toEqual([
        ['2026-03-02T01:00:00.000Z', '2026-03-02T03:00:00.000Z', 'counted'],
        // Mon 11:00 to Tue 14:00 local: working hours or not, the ticket was waiting on the merchant.
        ['2026-03-02T03:00:00.000Z', '2026-03-03T06:00:00.000Z', 'paused'],
        ['2026-03-03T06:00:00.000Z', '2026-03-03T07:00:00.000Z', 'counted'],
      ]);
      expect(nextDueAt(report)).toBe('2026-03-05T09:00:00.000Z');
    });
  });

  describe('reopening a resolved ticket restarts resolution with the time already counted', () => {
    const story = () =>
      aTicket('CN', 'equipment-repair').opened('2026-03-09T09:00:00+08:00', 'normal').movedTo('resolved', '2026-03-09T13:00:00+08:00');

    it('stops at resolved; resolving on the first-response deadline is in time', () => {
      const report = story().slaAt('2026-03-09T16:00:00+08:00');
      // 09:00-13:00 = 240: exactly the first-response target, so met, not breached.
      expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'met', elapsedMinutes: 240, breachedAt: null });
      expect(clockOf(report, 'resolution')).toMatchObject({
        status: 'met',
        open: false,
        elapsedMinutes: 240,
        dueAt: null,
        stoppedAt: '2026-03-09T05:00:00.000Z',
      });
      expect(nextDueAt(report)).toBeNull();
    });

    it('counts on from 240 after the reopen', () => {
      const report = story().movedTo('in_progress', '2026-03-10T10:00:00+08:00').slaAt('2026-03-10T11:00:00+08:00');
      const resolution = clockOf(report, 'resolution');
      // 240 + Tue 10:00-11:00 60 = 300; 1140 left. Due: Tue 11:00-18:00 420 (720 left), Wed 540 (180 left),
      // Thu 09:00 + 180 = 12:00 local = 04:00 UTC.
      expect(resolution).toMatchObject({
        status: 'running',
        open: true,
        elapsedMinutes: 300,
        remainingMinutes: 1140,
        dueAt: '2026-03-12T04:00:00.000Z',
        stoppedAt: null,
      });
      expect(rows(resolution)).toEqual([
        ['2026-03-09T01:00:00.000Z', '2026-03-09T05:00:00.000Z', 'counted'],
        ['2026-03-09T05:00:00.000Z', '2026-03-10T02:00:00.000Z', 'paused'],
        ['2026-03-10T02:00:00.000Z', '2026-03-10T03:00:00.000Z', 'counted'],
      ]);
      // The first response stays answered.
      expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'met', open: false });
    });
  });

  describe('a priority change re-targets the open clocks', () => {
    const ticket = aTicket('CN', 'equipment-repair')
      .opened('2026-03-16T09:00:00+08:00', 'low')
      .reprioritized('low', 'urgent', '2026-03-16T14:00:00+08:00');

    it('a shorter target already passed is a breach at the instant it was passed', () => {
      const now = '2026-03-16T14:00:00+08:00';
      const report = ticket.slaAt(now);
      // Resolution: 09:00-14:00 = 300 against urgent 240 → breached at 09:00 + 240 = 13:00 local; team lead at
      // 240 + 30 = 270 (13:30), city manager at 240 + 120 = 360 (15:00 local, still ahead).
      expect(clockOf(report, 'resolution')).toMatchObject({
        status: 'breached',
        targetMinutes: 240,
        elapsedMinutes: 300,
        remainingMinutes: -60,
        breachedAt: '2026-03-16T05:00:00.000Z',
        dueAt: '2026-03-16T05:00:00.000Z',
      });
      // First response: urgent 30 → 09:30, team lead +30 → 10:00, city manager +120 → 11:30 local; no warnings
      // once the breach has fired.
      expect(dueActions(report, new Date(now)).map((action) => `${action.key}@${action.at}`)).toEqual([
        'firstResponse:breach:0@2026-03-16T01:30:00.000Z',
        'firstResponse:escalate:1@2026-03-16T02:00:00.000Z',
        'firstResponse:escalate:2@2026-03-16T03:30:00.000Z',
        'resolution:breach:0@2026-03-16T05:00:00.000Z',
        'resolution:escalate:1@2026-03-16T05:30:00.000Z',
      ]);
      expect(nextDueAt(report)).toBe('2026-03-16T07:00:00.000Z');
    });

    it('a clock that already stopped keeps the target it stopped under', () => {
      const report = aTicket('CN', 'equipment-repair')
        .opened('2026-03-16T09:00:00+08:00', 'normal')
        .staffReplied('2026-03-16T10:00:00+08:00')
        .reprioritized('normal', 'urgent', '2026-03-16T11:00:00+08:00')
        .slaAt('2026-03-16T11:00:00+08:00');
      // Answered after 60 of normal's 240: met, although urgent would allow only 30.
      expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'met', targetMinutes: 240, elapsedMinutes: 60 });
      // Resolution now runs against urgent's 240: 120 elapsed, due 13:00 local.
      expect(clockOf(report, 'resolution')).toMatchObject({ targetMinutes: 240, dueAt: '2026-03-16T05:00:00.000Z' });
    });
  });

  describe('next response', () => {
    it('starts on a customer reply after an answer and a later reply does not restart it', () => {
      const report = aTicket('CN', 'equipment-repair')
        .opened('2026-03-23T09:00:00+08:00', 'normal')
        .staffReplied('2026-03-23T09:30:00+08:00')
        .customerReplied('2026-03-23T10:00:00+08:00')
        .customerReplied('2026-03-23T11:00:00+08:00')
        .slaAt('2026-03-23T12:00:00+08:00');
      // From 10:00: 120 of 480, due at 10:00 + 480 = 18:00 local.
      expect(clockOf(report, 'nextResponse')).toMatchObject({
        key: 'nextResponse.1',
        status: 'running',
        elapsedMinutes: 120,
        dueAt: '2026-03-23T10:00:00.000Z',
      });
    });

    it('resuming work after pending is not an answer to the customer', () => {
      const report = aTicket('CN', 'equipment-repair')
        .opened('2026-03-23T09:00:00+08:00', 'normal')
        .movedTo('in_progress', '2026-03-23T09:30:00+08:00')
        .movedTo('pending', '2026-03-23T10:00:00+08:00')
        .customerReplied('2026-03-23T11:00:00+08:00')
        .movedTo('in_progress', '2026-03-23T14:00:00+08:00')
        .slaAt('2026-03-23T15:00:00+08:00');
      // The reply at 11:00 waits, paused, until 14:00; then 14:00-15:00 = 60 of 480. 420 left: Mon 15:00-18:00 180
      // (240 left), Tue 09:00 + 240 = 13:00 local.
      expect(clockOf(report, 'nextResponse')).toMatchObject({
        status: 'running',
        elapsedMinutes: 60,
        dueAt: '2026-03-24T05:00:00.000Z',
      });
      expect(rows(clockOf(report, 'nextResponse'))).toEqual([
        ['2026-03-23T03:00:00.000Z', '2026-03-23T06:00:00.000Z', 'paused'],
        ['2026-03-23T06:00:00.000Z', '2026-03-23T07:00:00.000Z', 'counted'],
      ]);
    });

    it('a second round is a new cycle with its own keys', () => {
      const report = aTicket('CN', 'equipment-repair')
        .opened('2026-03-23T09:00:00+08:00', 'normal')
        .staffReplied('2026-03-23T09:30:00+08:00')
        .customerReplied('2026-03-23T10:00:00+08:00')
        .staffReplied('2026-03-23T10:30:00+08:00')
        .customerReplied('2026-03-23T17:00:00+08:00')
        .slaAt('2026-03-24T09:30:00+08:00');
      // From Mon 17:00: 60 that day + Tue 30 = 90; due at 480: 420 more from Tue 09:00 = 16:00 local.
      const nextResponse = clockOf(report, 'nextResponse');
      expect(nextResponse).toMatchObject({ key: 'nextResponse.2', elapsedMinutes: 90, dueAt: '2026-03-24T08:00:00.000Z' });
      expect(nextResponse.milestones.map((milestone) => milestone.key)).toEqual([
        'nextResponse.2:warn:0',
        'nextResponse.2:breach:0',
        'nextResponse.2:escalate:1',
        'nextResponse.2:escalate:2',
      ]);
    });
  });

  it('canceling stops every clock and nothing comes due afterwards', () => {
    const report = aTicket('CN', 'equipment-repair')
      .opened('2026-03-02T09:00:00+08:00', 'urgent')
      .movedTo('canceled', '2026-03-02T09:20:00+08:00')
      .slaAt('2026-03-04T09:00:00+08:00');
    expect(report.clocks.map((clock) => [clock.clock, clock.status, clock.elapsedMinutes])).toEqual([
      ['firstResponse', 'canceled', 20],
      ['nextResponse', 'idle', 0],
      ['resolution', 'canceled', 20],
    ]);
    expect(nextDueAt(report)).toBeNull();
    expect(dueActions(report, new Date('2026-03-04T09:00:00+08:00'))).toEqual([]);
  });

  it('a clock slightly behind the opening sees the ticket just opened', () => {
    const report = aTicket('CN', 'equipment-repair').opened('2026-03-02T09:00:00+08:00', 'normal').slaAt('2026-03-02T08:59:58+08:00');
    expect(report.computedAt).toBe('2026-03-02T01:00:00.000Z');
    // 240 from Mon 09:00: 13:00 local.
    expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'running', elapsedMinutes: 0, dueAt: '2026-03-02T05:00:00.000Z' });
  });

  it('ignores history after the moved clock', () => {
    const ticket = aTicket('CN', 'equipment-repair')
      .opened('2026-03-02T09:00:00+08:00', 'normal')
      .staffReplied('2026-03-02T12:00:00+08:00');
    // At 10:00 the reply has not happened yet: 60 of 240, due 13:00 local.
    expect(clockOf(ticket.slaAt('2026-03-02T10:00:00+08:00'), 'firstResponse')).toMatchObject({
      status: 'running',
      elapsedMinutes: 60,
      dueAt: '2026-03-02T05:00:00.000Z',
    });
  });

  describe('summary for the queue and search', () => {
    const resumed = () =>
      aTicket('CN', 'equipment-repair')
        .opened('2026-03-02T09:00:00+08:00', 'normal')
        .movedTo('in_progress', '2026-03-02T09:30:00+08:00')
        .movedTo('pending', '2026-03-02T11:00:00+08:00')
        .movedTo('in_progress', '2026-03-03T14:00:00+08:00');

    it('is on track, then at risk after the warning, sorted by the resolution due time', () => {
      // Resolution due Thu 03-05 18:00 local, warned at 17:00 (see the pause cases above).
      expect(summarizeSla(resumed().slaAt('2026-03-03T15:00:00+08:00'))).toEqual({
        state: 'on-track',
        sortAt: '2026-03-05T10:00:00.000Z',
      });
      expect(summarizeSla(resumed().slaAt('2026-03-05T17:30:00+08:00'))).toEqual({
        state: 'at-risk',
        sortAt: '2026-03-05T10:00:00.000Z',
      });
    });

    it('is paused while pending, and breached first by its earliest breach', () => {
      const paused = resumed().movedTo('pending', '2026-03-05T17:30:00+08:00').slaAt('2026-03-06T10:00:00+08:00');
      expect(summarizeSla(paused)).toEqual({ state: 'paused', sortAt: null });
      const breached = aTicket('CN', 'equipment-repair')
        .opened('2026-03-16T09:00:00+08:00', 'low')
        .reprioritized('low', 'urgent', '2026-03-16T14:00:00+08:00')
        .slaAt('2026-03-16T14:00:00+08:00');
      // First response breached at 09:30 local, before the resolution's 13:00.
      expect(summarizeSla(breached)).toEqual({ state: 'breached', sortAt: '2026-03-16T01:30:00.000Z' });
    });

    it('is met once resolved in time, and none when canceled', () => {
      const resolved = aTicket('CN', 'equipment-repair')
        .opened('2026-03-09T09:00:00+08:00', 'normal')
        .movedTo('resolved', '2026-03-09T13:00:00+08:00');
      expect(summarizeSla(resolved.slaAt('2026-03-09T16:00:00+08:00'))).toEqual({ state: 'met', sortAt: null });
      const canceled = aTicket('CN', 'equipment-repair')
        .opened('2026-03-02T09:00:00+08:00', 'urgent')
        .movedTo('canceled', '2026-03-02T09:20:00+08:00');
      expect(summarizeSla(canceled.slaAt('2026-03-04T09:00:00+08:00'))).toEqual({ state: 'none', sortAt: null });
    });
  });
});
