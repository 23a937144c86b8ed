import { Host, loadConfig } from '@fieldops/platform';
import { type Command, parseCommandArgs, println, splitList, UsageError } from '../command';
import { createProgress } from '../progress/create-progress';
import { pickServices } from '../services';

const help = `Usage: fieldops seed --demo [--services <names>]

Seeds the demo organisation (and each service's demo data) into every service's database, or the named
ones' (comma-separated), then prints the demo logins. Safe to repeat: data already there is left alone.
This is how a distributed installation gets demo data; "fieldops serve" seeds only when embedded.

Settings (environment): DATA_DIR, DATABASE_URL, BUS_URL, CACHE_URL, LOG_LEVEL.`;

export const seedCommand: Command = {
  name: 'seed',
  summary: 'seed demo data (--demo)',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs('seed', { args, options: { demo: { type: 'boolean' }, services: { type: 'string' } } });
    if (!values.demo) throw new UsageError('say what to seed: --demo (the demo organisation)', 'seed');
    const services = pickServices(splitList(values.services), 'seed');
    const config = loadConfig(io.env);
    // Not listening, but with the relays running: host.stop() drains them, so the seed's events reach the bus.
    const host = await Host.start({ config, services, listen: false });
    try {
      const summaries = await host.seedDemo(createProgress(io.out));
      if (summaries.length === 0) println(io.out, 'The demo data is already there: nothing seeded.');
      for (const summary of summaries) println(io.out, summary);
    } finally {
      await host.stop();
    }
    return 0;
  },
};
