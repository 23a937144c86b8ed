import { engineAvailable, enginesRequired, engineUrls, eventually } from '@fieldops/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEnvelope, type EventEnvelope } from '../src/events/envelope';
import type { DeliveryHandler } from '../src/events/event-bus';
import { deleteNatsStream, NatsEventBus } from '../src/events/nats-event-bus';

// The NATS consumer applies events concurrently across subjects; these pin down what it must still keep.
const natsUp = await engineAvailable('nats');
if (!natsUp) {
  describe('NATS consumer concurrency', () => {
    it('is left out because NATS does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

const TYPE = 'account.user.updated.v1';

function eventsBySubject(subjects: number, perSubject: number): EventEnvelope[] {
  // Interleaved, as unrelated writes reach the outbox.
  return Array.from({ length: perSubject }, (_, n) =>
    Array.from({ length: subjects }, (_, s) => buildEnvelope('test', { type: TYPE, subject: `user-${s}`, data: { n } }, Date.now())),
  ).flat();
}

function idsOf(events: EventEnvelope[], subject: string): string[] {
  return events.filter((e) => e.subject === subject).map((e) => e.id);
}

/** The applied events per subject, deduplicated by id as the consumer's inbox does. */
class Applied {
  readonly inbox = new Set<string>();
  readonly bySubject = new Map<string, string[]>();
  duplicates = 0;

  apply(event: EventEnvelope): void {
    if (this.inbox.has(event.id)) {
      this.duplicates += 1;
      return;
    }
    this.inbox.add(event.id);
    this.bySubject.set(event.subject, [...(this.bySubject.get(event.subject) ?? []), event.id]);
  }

  of(subject: string): string[] {
    return this.bySubject.get(subject) ?? [];
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Drops the bus's connection without acking or nak'ing anything, as a killed process does. */
async function crash(bus: NatsEventBus): Promise<void> {
  await (bus as unknown as { nc: NatsConnection }).nc.close();
}

describe.runIf(natsUp)('NATS consumer concurrency', () => {
  let stream: string;
  let subjectPrefix: string;
  let consumer: string;
  let buses: NatsEventBus[];

  async function open(ackWaitMs?: number): Promise<NatsEventBus> {
    const bus = await NatsEventBus.connect(engineUrls.nats, { stream, subjectPrefix, ackWaitMs });
    buses.push(bus);
    return bus;
  }

  beforeEach(() => {
    const id = Math.random().toString(36).slice(2, 10);
    stream = `FIELDOPS_TEST_${id.toUpperCase()}`;
    subjectPrefix = `fieldopstest${id}`;
    consumer = `test-${id}.projection`;
    buses = [];
  });

  afterEach(async () => {
    await Promise.allSettled(buses.map((b) => b.close()));
    await deleteNatsStream(engineUrls.nats, stream);
  });

  it('applies the events of each subject in publish order while handling subjects concurrently', async () => {
    const bus = await open();
    const applied = new Applied();
    let inFlight = 0;
    let mostInFlight = 0;
    const handle: DeliveryHandler = async (event) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await sleep(Math.random() * 3);
      applied.apply(event);
      inFlight -= 1;
    };
    await bus.subscribe({ consumer, types: [TYPE], handle });
    const events = eventsBySubject(20, 50);
    await bus.publish(events);

    await eventually(() => expect(applied.inbox.size).toBe(events.length), { timeoutMs: 20_000 });
    for (let s = 0; s < 20; s++) expect(applied.of(`user-${s}`)).toEqual(idsOf(events, `user-${s}`));
    expect(mostInFlight).toBeGreaterThan(1);
  });

  it('keeps applying other subjects while one fails, and applies that one later in its order', async () => {
    const bus = await open();
    const applied = new Applied();
    let failing = true;
    let failures = 0;
    const handle: DeliveryHandler = async (event) => {
      if (event.subject === 'user-0' && failing) {
        failures += 1;
        throw new Error('database is down');
      }
      applied.apply(event);
    };
    await bus.subscribe({ consumer, types: [TYPE], handle });
    const events = eventsBySubject(5, 10);
    await bus.publish(events);

    await eventually(() => {
      for (let s = 1; s < 5; s++) expect(applied.of(`user-${s}`)).toEqual(idsOf(events, `user-${s}`));
    });
    // Still failing: nothing of the failing subject went past its first event.
    expect(failures).toBeGreaterThan(0);
    expect(applied.of('user-0')).toEqual([]);

    failing = false;
    await eventually(() => expect(applied.of('user-0')).toEqual(idsOf(events, 'user-0')));
    expect(applied.duplicates).toBe(0);
  });

  it('lets one of two instances sharing a consumer apply events, and the other take over when it stops', async () => {
    const applied = new Applied();
    const appliedBy = new Map<string, NatsEventBus>();
    const inFlight = new Set<string>();
    let overlaps = 0;
    const instance = async () => {
      const bus = await open();
      await bus.subscribe({
        consumer,
        types: [TYPE],
        handle: async (event) => {
          // Two events of one subject applied at once could commit in either order.
          if (inFlight.has(event.subject)) overlaps += 1;
          inFlight.add(event.subject);
          await sleep(Math.random() * 3);
          applied.apply(event);
          appliedBy.set(event.id, bus);
          inFlight.delete(event.subject);
        },
      });
      return bus;
    };
    const [blue, green] = [await instance(), await instance()];
    const early = eventsBySubject(10, 20);
    await blue.publish(early);
    await eventually(() => expect(applied.inbox.size).toBe(early.length), { timeoutMs: 20_000 });
    const holders = new Set(early.map((e) => appliedBy.get(e.id)));
    expect(holders.size).toBe(1);

    const [holder] = [...holders];
    await holder?.close();
    const late = eventsBySubject(10, 5);
    await (holder === blue ? green : blue).publish(late);
    await eventually(() => expect(applied.inbox.size).toBe(early.length + late.length), { timeoutMs: 20_000 });
    const all = [...early, ...late];
    for (let s = 0; s < 10; s++) expect(applied.of(`user-${s}`)).toEqual(idsOf(all, `user-${s}`));
    expect(late.every((e) => appliedBy.get(e.id) !== holder)).toBe(true);
    expect(overlaps).toBe(0);
  });

  it('after a crash mid-batch applies every event once, each subject in order', { timeout: 30_000 }, async () => {
    const ackWaitMs = 1_000;
    const applied = new Applied();
    const events = eventsBySubject(5, 40);
    const publisher = await open(ackWaitMs);
    await publisher.publish(events);

    // The first instance commits 30 events, then commits more but dies before acking them.
    const first = await open(ackWaitMs);
    let release: () => void = () => {};
    const dying = new Promise<void>((resolve) => {
      release = resolve;
    });
    await first.subscribe({
      consumer,
      types: [TYPE],
      handle: async (event) => {
        applied.apply(event);
        if (applied.inbox.size > 30) await dying;
      },
    });
    await eventually(() => expect(applied.inbox.size).toBeGreaterThan(30));
    await crash(first);
    release();
    const committedBeforeCrash = applied.inbox.size;

    const second = await open(ackWaitMs);
    await second.subscribe({ consumer, types: [TYPE], handle: async (event) => applied.apply(event) });

    await eventually(() => expect(applied.inbox.size).toBe(events.length), { timeoutMs: 20_000 });
    for (let s = 0; s < 5; s++) expect(applied.of(`user-${s}`)).toEqual(idsOf(events, `user-${s}`));
    // The events committed but never acked came back, and the inbox made them no-ops.
    expect(committedBeforeCrash).toBeLessThan(events.length);
    expect(applied.duplicates).toBeGreaterThan(0);
  });
});
