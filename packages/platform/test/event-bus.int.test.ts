import { engineAvailable, engineUrls, eventually } from '@fieldops/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEnvelope, type EventEnvelope } from '../src/events/envelope';
import type { DeliveryHandler, EventBus } from '../src/events/event-bus';
import { LocalEventBus } from '../src/events/local-event-bus';
import { deleteNatsStream, NatsEventBus } from '../src/events/nats-event-bus';

/** Where a test's events live: its own stream and subject prefix, so tests never see each other's events. */
interface Space {
  id: string;
  stream: string;
  subjectPrefix: string;
}

interface Driver {
  name: 'local' | 'nats';
  /** Keeps events for consumers that are not running, across bus restarts; dedupes by event id. */
  durable: boolean;
  /** Opening twice with the same space reaches the same log (for the durable driver). */
  open(space: Space): Promise<EventBus>;
  cleanup(space: Space): Promise<void>;
}

const local: Driver = {
  name: 'local',
  durable: false,
  open: async () => new LocalEventBus(),
  cleanup: async () => {},
};

const nats: Driver = {
  name: 'nats',
  durable: true,
  open: (space) => NatsEventBus.connect(engineUrls.nats, { stream: space.stream, subjectPrefix: space.subjectPrefix }),
  cleanup: (space) => deleteNatsStream(engineUrls.nats, space.stream),
};

const drivers: Driver[] = [local];
if (await engineAvailable('nats')) drivers.push(nats);

function event(type: string, subject = 'user-1', data: unknown = {}): EventEnvelope {
  return buildEnvelope('test', { type, subject, data }, Date.now());
}

function recorder(): { events: EventEnvelope[]; ids: () => string[]; handle: DeliveryHandler } {
  const events: EventEnvelope[] = [];
  return { events, ids: () => events.map((e) => e.id), handle: async (e) => void events.push(e) };
}

const USER_CREATED = 'account.user.created.v1';
const USER_DELETED = 'account.user.deleted.v1';
const ORG_CREATED = 'account.org.created.v1';
const INVOICE_PAID = 'billing.invoice.paid.v1';

describe.each(drivers)('event bus conformance: $name', (driver) => {
  // Behaviours only a durable bus has; the in-process bus keeps nothing, its outbox does.
  const durableOnly = driver.durable ? it : () => undefined;
  let space: Space;
  let buses: EventBus[];

  async function open(): Promise<EventBus> {
    const bus = await driver.open(space);
    buses.push(bus);
    return bus;
  }

  /** A consumer name with a dot, as production names have, so the NATS driver's sanitising is exercised. */
  function consumer(name: string): string {
    return `test-${space.id}.${name}`;
  }

  beforeEach(() => {
    const id = Math.random().toString(36).slice(2, 10);
    space = { id, stream: `FIELDOPS_TEST_${id.toUpperCase()}`, subjectPrefix: `fieldopstest${id}` };
    buses = [];
  });

  afterEach(async () => {
    await Promise.allSettled(buses.map((b) => b.close()));
    await driver.cleanup(space);
  });

  it('delivers the subscribed types and nothing else', async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('exact'), types: [USER_CREATED], handle: got.handle });
    const wanted = event(USER_CREATED);
    const last = event(USER_CREATED);
    await bus.publish([event(ORG_CREATED), wanted, event(INVOICE_PAID), event(USER_DELETED), last]);

    // Delivery is in order, so once the last event is in, anything unwanted would have arrived too.
    await eventually(() => expect(got.ids()).toContain(last.id));
    expect(got.ids()).toEqual([wanted.id, last.id]);
  });

  it('matches every type under a trailing wildcard', async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('wildcard'), types: ['account.user.*'], handle: got.handle });
    const events = [event(USER_CREATED), event(ORG_CREATED), event(USER_DELETED), event(INVOICE_PAID)];
    const last = event(USER_CREATED);
    await bus.publish([...events, last]);

    await eventually(() => expect(got.ids()).toContain(last.id));
    expect(got.events.map((e) => e.type)).toEqual([USER_CREATED, USER_DELETED, USER_CREATED]);
  });

  it('accepts overlapping patterns and delivers each event once', async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('overlap'), types: ['account.user.*', USER_CREATED], handle: got.handle });
    const events = [event(USER_CREATED), event(USER_DELETED)];
    await bus.publish(events);

    await eventually(() => expect(got.ids()).toEqual(events.map((e) => e.id)));
  });

  it('keeps publish order for the events of one subject', async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('order'), types: ['account.user.*'], handle: got.handle });
    const events = Array.from({ length: 50 }, (_, n) => event(n % 3 ? USER_CREATED : USER_DELETED, 'user-7', { n }));
    // Batches of several sizes, as the outbox relay publishes them.
    for (const batch of [events.slice(0, 1), events.slice(1, 20), events.slice(20, 21), events.slice(21)]) {
      await bus.publish(batch);
    }

    await eventually(() => expect(got.events).toHaveLength(50));
    expect(got.ids()).toEqual(events.map((e) => e.id));
  });

  it("keeps each subject's order when one batch interleaves several subjects", async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('interleaved'), types: ['account.user.*'], handle: got.handle });
    const events = Array.from({ length: 60 }, (_, n) => event(USER_CREATED, `user-${n % 4}`, { n }));
    await bus.publish(events);

    await eventually(() => expect(got.events).toHaveLength(60));
    for (const subject of ['user-0', 'user-1', 'user-2', 'user-3']) {
      const sent = events.filter((e) => e.subject === subject).map((e) => e.id);
      expect(got.events.filter((e) => e.subject === subject).map((e) => e.id)).toEqual(sent);
    }
  });

  it('gives every consumer every event', async () => {
    const bus = await open();
    const first = recorder();
    const second = recorder();
    await bus.subscribe({ consumer: consumer('first'), types: [USER_CREATED], handle: first.handle });
    await bus.subscribe({ consumer: consumer('second'), types: ['account.user.*'], handle: second.handle });
    const events = Array.from({ length: 5 }, (_, n) => event(USER_CREATED, `user-${n}`));
    await bus.publish(events);

    const ids = events.map((e) => e.id);
    await eventually(() => {
      expect(first.ids()).toEqual(ids);
      expect(second.ids()).toEqual(ids);
    });
  });

  it('refuses a second subscription under the same consumer name', async () => {
    const bus = await open();
    await bus.subscribe({ consumer: consumer('twice'), types: [USER_CREATED], handle: recorder().handle });
    await expect(bus.subscribe({ consumer: consumer('twice'), types: [USER_CREATED], handle: recorder().handle })).rejects.toThrow(
      /already subscribed/,
    );
  });

  durableOnly('delivers an event id published twice only once', async () => {
    const bus = await open();
    const got = recorder();
    await bus.subscribe({ consumer: consumer('dedupe'), types: [USER_CREATED], handle: got.handle });
    const dup = event(USER_CREATED);
    const last = event(USER_CREATED);
    // The relay republishes after a crash between publish and marking the row: the bus must drop the copy.
    await bus.publish([dup]);
    await bus.publish([dup]);
    await bus.publish([last]);

    await eventually(() => expect(got.ids()).toContain(last.id));
    expect(got.ids()).toEqual([dup.id, last.id]);
  });

  durableOnly('delivers events published before the consumer subscribed', async () => {
    const bus = await open();
    const early = event(USER_CREATED);
    await bus.publish([early]);

    const got = recorder();
    await bus.subscribe({ consumer: consumer('late'), types: [USER_CREATED], handle: got.handle });
    await eventually(() => expect(got.ids()).toEqual([early.id]));
  });

  durableOnly('resumes a durable consumer after a restart without repeating acked events', async () => {
    const name = consumer('restart');
    const before = recorder();
    const first = await open();
    await first.subscribe({ consumer: name, types: [USER_CREATED], handle: before.handle });
    const acked = event(USER_CREATED);
    await first.publish([acked]);
    await eventually(() => expect(before.ids()).toEqual([acked.id]));
    await first.close();

    // Published while no instance of the consumer runs.
    const publisher = await open();
    const missed = [event(USER_CREATED), event(USER_CREATED)];
    await publisher.publish(missed);

    const after = recorder();
    const second = await open();
    await second.subscribe({ consumer: name, types: [USER_CREATED], handle: after.handle });
    await eventually(() => expect(after.events).toHaveLength(2));
    expect(after.ids()).toEqual(missed.map((e) => e.id));
  });

  it('does not lose an event whose handler throws', async () => {
    const bus = await open();
    const got = recorder();
    let failures = 0;
    const flaky: DeliveryHandler = async (e) => {
      if (failures === 0) {
        failures += 1;
        throw new Error('database is down');
      }
      await got.handle(e);
    };
    await bus.subscribe({ consumer: consumer('flaky'), types: [USER_CREATED], handle: flaky });
    const failing = event(USER_CREATED);
    const next = event(USER_CREATED);

    if (driver.durable) {
      // NATS: the message is nak'd and comes back, still ahead of the events published after it.
      await bus.publish([failing, next]);
      await eventually(() => expect(got.ids()).toEqual([failing.id, next.id]));
    } else {
      // Local: the bus keeps nothing, so publish rejects; the relay leaves the outbox row unpublished
      // and publishes it again later, which is its redelivery.
      await expect(bus.publish([failing, next])).rejects.toThrow('database is down');
      expect(got.ids()).toEqual([]);
      await bus.publish([failing, next]);
      expect(got.ids()).toEqual([failing.id, next.id]);
    }
    expect(failures).toBe(1);
  });

  it('answers ping while open and refuses to publish once closed', async () => {
    const bus = await open();
    expect(await bus.ping()).toBe(true);
    await bus.close();
    expect(await bus.ping()).toBe(false);
    await expect(bus.publish([event(USER_CREATED)])).rejects.toThrow(/closed/);
  });
});

describe('the in-process bus stopped mid-delivery', () => {
  // Found by a full test run: one consumer's delivery ended at the stop while another's handler still ran, the stop
  // closed the databases under it, and its transaction failed as an unhandled rejection.
  it('ends the publish only once every consumer has stopped, the slowest included', async () => {
    const bus = new LocalEventBus();
    const stop = new AbortController();
    let slowFinished = false;
    // The stop comes while the slow consumer's first event is in its handler.
    await bus.subscribe({
      consumer: 'quick',
      types: [USER_CREATED],
      handle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        stop.abort();
      },
    });
    await bus.subscribe({
      consumer: 'slow',
      types: [USER_CREATED],
      handle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        slowFinished = true;
      },
    });
    await expect(bus.publish([event(USER_CREATED, 'a'), event(USER_CREATED, 'b')], stop.signal)).rejects.toThrow();
    expect(slowFinished).toBe(true);
    await bus.close();
  });
});
