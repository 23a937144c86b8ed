import { describe, expect, it } from 'vitest';
import { dueActions, nextDueAt, type SlaReport } from '../src/domain/sla/index';
import { aTicket, clockOf, rows } from './sla-history-builder';

const keysDue = (report: SlaReport, now: string) => dueActions(report, new Date(now)).map((action) => `${action.key}@${action.at}`);

describe('SLA clocks on real country calendars', () => {
  describe('CN: opened Friday 17:30 before the 2027 Spring Festival week', () => {
    // equipment-install, low: first response 480, resolution 7200, warn 120 before, escalations +240 and +960.
    // CN works 09:00-18:00 (540 a day) at +08:00. The (provisional) 2027 calendar: Sun 01-31 is a make-up workday,
    // Fri 02-05 to Sun 02-14 are off, Sat 02-20 is a make-up workday.
    const ticket = aTicket('CN', 'equipment-install').opened('2027-01-29T17:30:00+08:00', 'low').staffReplied('2027-01-31T10:00:00+08:00');

    it('counts the make-up Sunday for the first response', () => {
      const firstResponse = clockOf(ticket.slaAt('2027-02-19T12:00:00+08:00'), 'firstResponse');
      // Fri 17:30-18:00 = 30, Sat off, Sun (make-up) 09:00-10:00 = 60: 90 of 480.
      expect(firstResponse).toMatchObject({
        status: 'met',
        open: false,
        elapsedMinutes: 90,
        remainingMinutes: 390,
        dueAt: null,
        breachedAt: null,
        stoppedAt: '2027-01-31T02:00:00.000Z',
      });
      expect(rows(firstResponse)).toEqual([
        ['2027-01-29T09:30:00.000Z', '2027-01-29T10:00:00.000Z', 'counted'],
        ['2027-01-29T10:00:00.000Z', '2027-01-31T01:00:00.000Z', 'non-working'],
        ['2027-01-31T01:00:00.000Z', '2027-01-31T02:00:00.000Z', 'counted'],
      ]);
    });

    it('skips the festival week and counts the make-up Saturday after it for the resolution', () => {
      const resolution = clockOf(ticket.slaAt('2027-02-19T12:00:00+08:00'), 'resolution');
      // Elapsed: Fri 30 + Sun 540 + Mon-Thu 02-01..02-04 4×540 = 2730; festival 0; Mon-Thu 02-15..02-18 4×540 = 2160
      // → 4890; Fri 02-19 09:00-12:00 = 180 → 5070. Remaining 7200 - 5070 = 2130.
      // Due: Fri 12:00-18:00 360 (1770 left), Sat 02-20 make-up 540 (1230), Mon 02-22 540 (690), Tue 02-23 540 (150),
      // Wed 02-24 09:00 + 150 = 11:30 local = 03:30 UTC.
      // Warn at 7200 - 120 = 7080, i.e. 2010 from now: 360, 540, 540, 540 (30 left), Wed 09:00 + 30 = 09:30 local.
      expect(resolution).toMatchObject({
        status: 'running',
        open: true,
        targetMinutes: 7200,
        elapsedMinutes: 5070,
        remainingMinutes: 2130,
        dueAt: '2027-02-24T03:30:00.000Z',
        warnAt: '2027-02-24T01:30:00.000Z',
        breachedAt: null,
      });
      const night = (from: string, to: string) => [`${from}T10:00:00.000Z`, `${to}T01:00:00.000Z`, 'non-working'];
      const day = (date: string) => [`${date}T01:00:00.000Z`, `${date}T10:00:00.000Z`, 'counted'];
      expect(rows(resolution)).toEqual([
        ['2027-01-29T09:30:00.000Z', '2027-01-29T10:00:00.000Z', 'counted'],
        night('2027-01-29', '2027-01-31'),
        day('2027-01-31'),
        night('2027-01-31', '2027-02-01'),
        day('2027-02-01'),
        night('2027-02-01', '2027-02-02'),
        day('2027-02-02'),
        night('2027-02-02', '2027-02-03'),
        day('2027-02-03'),
        night('2027-02-03', '2027-02-04'),
        day('2027-02-04'),
        // Thu 02-04 18:00 to Mon 02-15 09:00: the Spring Festival week and its weekends.
        night('2027-02-04', '2027-02-15'),
        day('2027-02-15'),
        night('2027-02-15', '2027-02-16'),
        day('2027-02-16'),
        night('2027-02-16', '2027-02-17'),
        day('2027-02-17'),
        night('2027-02-17', '2027-02-18'),
        day('2027-02-18'),
        night('2027-02-18', '2027-02-19'),
        ['2027-02-19T01:00:00.000Z', '2027-02-19T04:00:00.000Z', 'counted'],
      ]);
    });

    it('warns, breaches and escalates as the clock moves on', () => {
      // Wed 02-24 10:00 local: past the warning (09:30), before the breach (11:30).
      const wednesday = '2027-02-24T10:00:00+08:00';
      const beforeBreach = ticket.slaAt(wednesday);
      expect(keysDue(beforeBreach, wednesday)).toEqual(['resolution:warn:0@2027-02-24T01:30:00.000Z']);
      expect(nextDueAt(beforeBreach)).toBe('2027-02-24T03:30:00.000Z');

      // Fri 02-26 10:00 local. Team lead at 7200 + 240 = 7440: Wed 11:30 + 240 = 15:30 local.
      // City manager at 7200 + 960 = 8160: Wed ends at 7590 (18:00), Thu 02-25 +540 = 8130, Fri 09:00 + 30 = 09:30.
      const friday = '2027-02-26T10:00:00+08:00';
      const late = ticket.slaAt(friday);
      expect(clockOf(late, 'resolution')).toMatchObject({
        status: 'breached',
        // 8130 + Fri 09:00-10:00 60 = 8190.
        elapsedMinutes: 8190,
        remainingMinutes: -990,
        breachedAt: '2027-02-24T03:30:00.000Z',
      });
      // The warning is not sent once the breach has fired.
      expect(keysDue(late, friday)).toEqual([
        'resolution:breach:0@2027-02-24T03:30:00.000Z',
        'resolution:escalate:1@2027-02-24T07:30:00.000Z',
        'resolution:escalate:2@2027-02-26T01:30:00.000Z',
      ]);
      expect(nextDueAt(late)).toBeNull();
    });
  });

  describe('SG: a complaint across Good Friday 2027', () => {
    // complaint, high: first response 15, next response 30, resolution 480, warn 5 before, escalations +60 and +240.
    // SG works 09:00-18:00 at +08:00; Fri 2027-03-26 is Good Friday.
    const story = () =>
      aTicket('SG', 'complaint')
        .opened('2027-03-25T15:00:00+08:00', 'high')
        .staffReplied('2027-03-25T15:10:00+08:00')
        .customerReplied('2027-03-25T17:50:00+08:00');
    const monday = '2027-03-29T09:30:00+08:00';

    it('runs the next-response clock over the holiday weekend into a breach on Monday', () => {
      const report = story().slaAt(monday);
      expect(clockOf(report, 'firstResponse')).toMatchObject({ status: 'met', elapsedMinutes: 10 });
      const nextResponse = clockOf(report, 'nextResponse');
      // Thu 17:50-18:00 = 10, Good Friday and the weekend 0, Mon 09:00-09:30 = 30: 40 of 30.
      // Breach at 30: Mon 09:00 + 20 = 09:20 local. Warn at 25: Mon 09:15 local.
      expect(nextResponse).toMatchObject({
        key: 'nextResponse.1',
        status: 'breached',
        open: true,
        elapsedMinutes: 40,
        remainingMinutes: -10,
        dueAt: '2027-03-29T01:20:00.000Z',
        warnAt: '2027-03-29T01:15:00.000Z',
        breachedAt: '2027-03-29T01:20:00.000Z',
      });
      expect(rows(nextResponse)).toEqual([
        ['2027-03-25T09:50:00.000Z', '2027-03-25T10:00:00.000Z', 'counted'],
        ['2027-03-25T10:00:00.000Z', '2027-03-29T01:00:00.000Z', 'non-working'],
        ['2027-03-29T01:00:00.000Z', '2027-03-29T01:30:00.000Z', 'counted'],
      ]);
      const resolution = clockOf(report, 'resolution');
      // Thu 15:00-18:00 = 180, Mon 30 → 210. Due at 480: Mon 09:00 + 300 = 14:00 local; warn at 475: 13:55 local.
      expect(resolution).toMatchObject({
        status: 'running',
        elapsedMinutes: 210,
        dueAt: '2027-03-29T06:00:00.000Z',
        warnAt: '2027-03-29T05:55:00.000Z',
      });
      // Next: the team lead for the next response at 30 + 60 = 90: Thu 10 + Mon 09:00 + 80 = 10:20 local.
      expect(nextDueAt(report)).toBe('2027-03-29T02:20:00.000Z');
      expect(keysDue(report, monday)).toEqual(['nextResponse.1:breach:0@2027-03-29T01:20:00.000Z']);
    });

    it('keeps a late answer breached but escalates no further', () => {
      const report = story().staffReplied('2027-03-29T09:40:00+08:00').slaAt('2027-03-29T11:00:00+08:00');
      // 10 + 40 = 50 of 30.
      expect(clockOf(report, 'nextResponse')).toMatchObject({
        status: 'breached',
        open: false,
        elapsedMinutes: 50,
        dueAt: null,
        stoppedAt: '2027-03-29T01:40:00.000Z',
      });
      // 11:00 is past the 10:20 team-lead point, but the answered clock only reports its breach.
      expect(keysDue(report, '2027-03-29T11:00:00+08:00')).toEqual(['nextResponse.1:breach:0@2027-03-29T01:20:00.000Z']);
    });
  });

  describe('BR: a caller in Manaus time, a calendar in Brasília time', () => {
    // equipment-repair, normal: first response 240, resolution 1440, warn 60 before. BR works 08:00-18:00 (600 a day)
    // in America/Sao_Paulo (-03:00). Manaus is -04:00. Wed 2027-04-21 is Tiradentes.
    const ticket = aTicket('BR', 'equipment-repair').opened('2027-04-20T17:30:00-04:00', 'normal');

    it('starts counting at the next Brasília opening after the holiday, not at the caller’s 17:30', () => {
      // 17:30 in Manaus is 18:30 in Brasília: after hours. Wed is a holiday. Thu 08:00-09:00 (Brasília) = 60.
      const report = ticket.slaAt('2027-04-22T09:00:00-03:00');
      const firstResponse = clockOf(report, 'firstResponse');
      // Due at 240: Thu 08:00 + 240 = 12:00 Brasília = 15:00 UTC; warn at 180: 11:00 Brasília.
      expect(firstResponse).toMatchObject({
        status: 'running',
        elapsedMinutes: 60,
        remainingMinutes: 180,
        dueAt: '2027-04-22T15:00:00.000Z',
        warnAt: '2027-04-22T14:00:00.000Z',
      });
      expect(rows(firstResponse)).toEqual([
        ['2027-04-20T21:30:00.000Z', '2027-04-22T11:00:00.000Z', 'non-working'],
        ['2027-04-22T11:00:00.000Z', '2027-04-22T12:00:00.000Z', 'counted'],
      ]);
      // Resolution 1440: Thu 600, Fri 04-23 600 → 1200, Mon 04-26 08:00 + 240 = 12:00 Brasília.
      expect(clockOf(report, 'resolution')).toMatchObject({ elapsedMinutes: 60, dueAt: '2027-04-26T15:00:00.000Z' });
      expect(clockOf(report, 'nextResponse')).toMatchObject({ status: 'idle', dueAt: null, intervals: [] });
    });
  });
});
