import { engineAvailable, enginesRequired, engineUrls, eventually } from '@fieldops/testing';
import { AckPolicy, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEnvelope, type EventEnvelope } from '../src/events/envelope';
import { deleteNatsStream, NatsEventBus } from '../src/events/nats-event-bus';
import { durableName } from '../src/events/nats-stream';

// The server filters what a consumer is handed: without a filter every consumer reads every event of the stream, and
// after an outage each one reads the whole backlog to find its own few.
const natsUp = await engineAvailable('nats');
if (!natsUp) {
  describe('NATS consumer filter', () => {
    it('is left out because NATS does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

const CHECKED_IN = 'checkin.visit.checked-in.v1';
const CHECKED_OUT = 'checkin.visit.checked-out.v1';
const FLAGGED = 'checkin.visit.flagged.v1';
const USER_UPDATED = 'account.user.updated.v1';

const event = (type: string, n: number) => buildEnvelope('test', { type, subject: `visit-${n}`, data: { n } }, Date.now());

describe.runIf(natsUp)('NATS consumer filter', () => {
  let stream: string;
  let subjectPrefix: string;
  let bus: NatsEventBus | undefined;

  beforeEach(() => {
    const id = Math.random().toString(36).slice(2, 10);
    stream = `FIELDOPS_TEST_${id.toUpperCase()}`;
    subjectPrefix = `fieldopstest${id}`;
  });

  afterEach(async () => {
    await bus?.close();
    await deleteNatsStream(engineUrls.nats, stream);
  });

  it('hands a consumer its own types, and on an older server only those under their common subject', async () => {
    bus = await NatsEventBus.connect(engineUrls.nats, { stream, subjectPrefix });
    const handled: EventEnvelope[] = [];
    const consumer = `test-${subjectPrefix}.photos`;
    await bus.subscribe({ consumer, types: [CHECKED_IN, CHECKED_OUT], handle: async (e) => void handled.push(e) });
    const others = [...Array.from({ length: 20 }, (_, n) => event(USER_UPDATED, n)), ...[1, 2, 3].map((n) => event(FLAGGED, n))];
    const mine = [event(CHECKED_IN, 1), event(CHECKED_OUT, 1), event(CHECKED_IN, 2), event(CHECKED_OUT, 2)];
    await bus.publish([...others, ...mine]);

    await eventually(() => expect(handled.map((e) => e.id).sort()).toEqual(mine.map((e) => e.id).sort()), { timeoutMs: 10_000 });
    const nc = await connect({ servers: engineUrls.nats });
    try {
      const jsm = await jetstreamManager(nc);
      const [major = 0, minor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
      const listsFilters = major > 2 || (major === 2 && minor >= 10);
      await eventually(
        async () => {
          const info = await jsm.consumers.info(stream, durableName(consumer));
          // A list of filters names the two types; one covering subject (before 2.10) takes the flagged visits too,
          // which the consumer acks unapplied, but never the user events.
          expect(info.delivered.consumer_seq).toBe(listsFilters ? mine.length : mine.length + 3);
          expect(info.num_ack_pending).toBe(0);
          expect(info.num_pending).toBe(0);
        },
        { timeoutMs: 10_000 },
      );
    } finally {
      await nc.close();
    }
    expect(handled.every((e) => e.type === CHECKED_IN || e.type === CHECKED_OUT)).toBe(true);
  });

  it('narrows the filter of a consumer made before with none', async () => {
    // Earlier versions of the bus gave a server before 2.10 no filter at all: such consumers must not keep reading all.
    bus = await NatsEventBus.connect(engineUrls.nats, { stream, subjectPrefix });
    const consumer = `test-${subjectPrefix}.photos`;
    const nc = await connect({ servers: engineUrls.nats });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.add(stream, { durable_name: durableName(consumer), ack_policy: AckPolicy.Explicit });
      await bus.subscribe({ consumer, types: [CHECKED_IN, CHECKED_OUT], handle: async () => undefined });
      const { config } = await jsm.consumers.info(stream, durableName(consumer));
      const filters = config.filter_subjects ?? [config.filter_subject];
      expect(filters.every((f) => f?.startsWith(`${subjectPrefix}.checkin.visit.`))).toBe(true);
    } finally {
      await nc.close();
    }
  });
});
