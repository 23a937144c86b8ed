import { hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes, notesService } from './fixtures/notes-service';

const engines = await hostEngines();

describe.each(engines)('business metrics of the outbox relay on $name', (engine) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ services: [notesService], engines: engine });
  }, 120_000);
  afterAll(async () => t?.stop());

  const ctx = () => {
    if (!notes.ctx) throw new Error('notes service did not start');
    return notes.ctx;
  };
  const counted = async (country: string) =>
    (await ctx().metrics.businessEvents.get()).values.find(
      (v) => v.labels.service === 'notes' && v.labels.event === 'platform.probe.written' && v.labels.country === country,
    )?.value ?? 0;

  it('counts each event once it is published, by type and country', async () => {
    const country = `X${Math.floor(Math.random() * 26)}`;
    const before = await counted(country);
    const subject = `metrics-${Math.random()}`;
    for (let n = 1; n <= 3; n++) {
      await ctx().transact(async (_trx, events) => {
        await events.append({ type: 'platform.probe.written.v1', subject, data: { id: subject, n }, country });
      });
    }
    await expect.poll(() => counted(country), { timeout: 20_000 }).toBe(before + 3);
  });

  it('reports the outbox as empty and nothing waiting once everything is published', async () => {
    await expect
      .poll(
        async () => {
          const backlog = (await ctx().metrics.outboxBacklog.get()).values.find((v) => v.labels.service === 'notes')?.value;
          const oldest = (await ctx().metrics.outboxOldest.get()).values.find((v) => v.labels.service === 'notes')?.value;
          return { backlog, oldest };
        },
        { timeout: 20_000 },
      )
      .toEqual({ backlog: 0, oldest: 0 });
  });
});
