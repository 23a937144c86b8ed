import { describe, expect, it } from 'vitest';
import { dayStops, merchantStop, UNPLANNED_STOPS } from '../ui/field/my-day/day-stops';
import type { DayTicket, PlannedMerchant } from '../ui/field/my-day/my-day-types';
import { sentItemOf } from '../ui/field/offline/sent-history';
import { completionEntry, completionUploads } from '../ui/field/tickets/completion-entry';
import { inkBox, inkLength, isSigned, MARGIN_PX, MIN_INK_PX } from '../ui/field/tickets/signature';

const merchant = (id: string, lat = 1.3): PlannedMerchant => ({
  id,
  brandName: `Shop ${id}`,
  legalName: `${id} Pte Ltd`,
  lat,
  lng: 103.8,
  address: '',
});

const ticket = (id: string, at: PlannedMerchant | null, due: DayTicket['due'], state = 'assigned'): DayTicket => ({
  due,
  ticket: {
    id,
    type: 'equipment-repair',
    title: `Ticket ${id}`,
    state,
    priority: 'high',
    slaStatus: 'on-track',
    slaBreachAt: null,
    merchant: at,
  },
});

describe('the signature pad’s ink', () => {
  it('measures the lines drawn, so a tap is no signature and a scribble is', () => {
    const tap = [[{ x: 10, y: 10 }]];
    expect(inkLength(tap)).toBe(0);
    expect(isSigned(tap)).toBe(false);
    const scribble = [
      [
        { x: 0, y: 0 },
        { x: 30, y: 40 },
      ],
      [
        { x: 50, y: 10 },
        { x: 50, y: 10 + MIN_INK_PX - 50 },
      ],
    ];
    expect(inkLength(scribble)).toBe(MIN_INK_PX);
    expect(isSigned(scribble)).toBe(true);
    expect(isSigned([scribble[0] ?? []])).toBe(false);
  });

  it('exports the part of the pad the ink covers, with a margin, never outside the pad', () => {
    const pad = { width: 320, height: 180 };
    const middle = [
      [
        { x: 100, y: 60 },
        { x: 180.4, y: 90 },
      ],
    ];
    expect(inkBox(middle, pad)).toEqual({ x: 100 - MARGIN_PX, y: 60 - MARGIN_PX, width: 81 + 2 * MARGIN_PX, height: 30 + 2 * MARGIN_PX });
    const edge = [
      [
        { x: 2, y: 1 },
        { x: 319, y: 179 },
      ],
    ];
    expect(inkBox(edge, pad)).toEqual({ x: 0, y: 0, width: 320, height: 180 });
    expect(inkBox([], pad)).toEqual({ x: 0, y: 0, ...pad });
  });
});

describe('an on-site completion in the queue', () => {
  const photos = [new Blob(['a'], { type: 'image/jpeg' }), new Blob(['b'], { type: 'image/jpeg' })];
  const signature = new Blob(['s'], { type: 'image/png' });
  const entry = completionEntry({
    id: 'c1',
    createdAt: '2026-12-05T01:00:00.000Z',
    ticket: { id: 't1', title: 'Terminal has no network' },
    visitId: 'v1',
    photos,
    signature,
    note: '  Printer head replaced ',
  });

  it('keeps the visit it cites, the note trimmed, and the images to upload; an empty note is left out', () => {
    expect(entry).toMatchObject({
      kind: 'ticket-completion',
      id: 'c1',
      title: 'Terminal has no network',
      state: 'pending',
      ticketId: 't1',
      body: { visitId: 'v1', note: 'Printer head replaced' },
    });
    const bare = completionEntry({ id: 'c2', createdAt: '', ticket: { id: 't1', title: '' }, visitId: 'v1', photos, signature, note: ' ' });
    expect(bare.body).toEqual({ visitId: 'v1' });
  });

  it('uploads each photo as a visit photo, then the signature, each under a key of its own stable across replays', () => {
    const uploads = completionUploads(entry);
    expect(uploads.map(({ purpose, fileName, idempotencyKey }) => ({ purpose, fileName, idempotencyKey }))).toEqual([
      { purpose: 'visit-photo', fileName: 'work-1.jpg', idempotencyKey: 'c1-photo-1' },
      { purpose: 'visit-photo', fileName: 'work-2.jpg', idempotencyKey: 'c1-photo-2' },
      { purpose: 'other', fileName: 'signature.png', idempotencyKey: 'c1-signature' },
    ]);
    expect(uploads.at(-1)?.blob).toBe(signature);
    expect(completionUploads(entry)).toEqual(uploads);
  });

  it('is kept in the sent history with the server’s time and the ticket’s state: resolved or review', () => {
    const answer = { state: 'review', updatedAt: '2026-12-05T01:02:03.000Z', createdAt: '2026-12-01T00:00:00.000Z' };
    expect(sentItemOf(entry, answer)).toEqual({
      id: 'c1',
      kind: 'ticket-completion',
      title: 'Terminal has no network',
      sentAt: '2026-12-05T01:02:03.000Z',
      outcome: 'review',
    });
    expect(sentItemOf(entry, { ...answer, state: 'resolved' }).outcome).toBe('resolved');
  });
});

describe('the day’s stops with my tickets', () => {
  const a = merchantStop(merchant('a'));
  const b = merchantStop(merchant('b'));
  const c = merchant('c');

  it('puts a ticket due today at its merchant’s planned stop, and one elsewhere at a stop of its own after the plan', () => {
    const stops = dayStops([a, b], [], [ticket('1', merchant('b'), 'today'), ticket('2', c, 'overdue'), ticket('3', c, 'today')]);
    expect(stops.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(stops.map((s) => s.tickets.map((t) => t.ticket.id))).toEqual([[], ['1'], ['2', '3']]);
    // The plan's own stops are not changed in place.
    expect(b.tickets).toEqual([]);
  });

  it('leaves out tickets due later, without a merchant or waiting on a reviewer', () => {
    const stops = dayStops(
      [a],
      [],
      [ticket('1', c, 'later'), ticket('2', null, 'today'), ticket('3', c, 'overdue', 'review'), ticket('4', c, 'none')],
    );
    expect(stops.map((s) => s.id)).toEqual(['a']);
  });

  it('without a plan, the tickets’ merchants come first, then my nearest merchants and leads, each place once', () => {
    const own = Array.from({ length: 12 }, (_, i) => merchantStop(merchant(`m${i}`)));
    const stops = dayStops([], [merchantStop(c), ...own], [ticket('1', c, 'today')]);
    expect(stops[0]).toMatchObject({ id: 'c', tickets: [{ due: 'today', ticket: { id: '1' } }] });
    expect(stops.filter((s) => s.id === 'c')).toHaveLength(1);
    expect(stops).toHaveLength(1 + UNPLANNED_STOPS);
  });
});
