import { type EventData, eventCatalogue } from '@fieldops/contracts';
import { hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { buildEnvelope, type ConsumerDefinition, defineService, type EventEnvelope, type EventHandler } from '../src/index';
import { type NotesDb, notesService } from './fixtures/notes-service';

const engines = await hostEngines();

describe.each(engines)('a consumer and the event catalogue on $name', (engine) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ services: [notesService], engines: engine });
  });
  afterAll(async () => t?.stop());

  const replay = (event: EventEnvelope) => {
    const service = t.host.service('notes');
    if (!service) throw new Error('notes service did not start');
    return service.replayDeadLetter(event, 'notes.counter');
  };
  const unhandledCount = async (type: string) =>
    (await t.host.runtime.metrics.eventsUnhandled.get()).values.find((v) => v.labels.service === 'notes' && v.labels.type === type)
      ?.value ?? 0;

  it('counts an event its consumer has no handler for, per type, and applies nothing', async () => {
    const type = 'account.user.password-changed.v1';
    const before = await unhandledCount(type);
    const event = buildEnvelope('account', { type, subject: 'u1', data: { userId: 'u1' } }, Date.now());
    expect(await replay(event)).toBe('unhandled');
    expect(await replay({ ...event, id: `${event.id}-again` })).toBe('unhandled');
    expect(await unhandledCount(type)).toBe(before + 2);
  });

  it('counts an event of a type the catalogue does not know as unhandled', async () => {
    const event = buildEnvelope('billing', { type: 'billing.invoice.paid.v1', subject: 'i1', data: {} }, Date.now());
    expect(await replay(event)).toBe('unhandled');
    expect(await unhandledCount('billing.invoice.paid.v1')).toBeGreaterThanOrEqual(1);
  });

  it('dead-letters an event whose data does not match its type, without calling the handler', async () => {
    const event = buildEnvelope('notes', { type: 'platform.probe.written.v1', subject: 'p1', data: { id: 7 } }, Date.now());
    expect(await replay(event)).toBe('dead_lettered');
  });
});

describe('a consumer typed by the catalogue', () => {
  it('refuses, when the service is defined, a consumer naming a type the catalogue does not know', () => {
    const define = () =>
      defineService<NotesDb>({
        name: 'misspelt',
        migrations: [],
        consumes: [
          {
            name: 'misspelt.counter',
            handlers: {
              // @ts-expect-error: a misspelt type is not a key of the catalogue
              'platform.probe.writen.v1': async () => undefined,
            },
          },
        ],
      });
    expect(define).toThrow(/misspelt\.counter.*platform\.probe\.writen\.v1.*not in the event catalogue/);
  });

  it('hands each handler the data of its own type', () => {
    expect(Object.hasOwn(eventCatalogue, 'platform.probe.written.v1')).toBe(true);
    const handler: EventHandler<NotesDb, 'platform.probe.written.v1'> = async (event) => {
      expectTypeOf(event.data).toEqualTypeOf<EventData<'platform.probe.written.v1'>>();
      expectTypeOf(event.data.id).toEqualTypeOf<string>();
    };
    const consumer: ConsumerDefinition<NotesDb> = {
      name: 'typed.counter',
      handlers: {
        'platform.probe.written.v1': handler,
        // @ts-expect-error: this handler takes a probe, not a coverage change
        'area.coverage.changed.v1': handler,
        'account.user.password-changed.v1': async (event) => {
          // @ts-expect-error: a password change carries no email
          expect(event.data.email).toBeUndefined();
        },
      },
    };
    expect(Object.keys(consumer.handlers)).toHaveLength(3);
  });
});
