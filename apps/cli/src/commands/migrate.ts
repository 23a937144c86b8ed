import { loadConfig } from '@fieldops/platform';
import { type Command, parseCommandArgs, println, splitList } from '../command';
import { pickServices } from '../services';

const help = `Usage: fieldops migrate [--services <names>]

Applies the pending database migrations of every service, or of the named ones (comma-separated), and prints
what it applied. "fieldops serve" migrates on start too; run this first when you want to see or time it.

Settings (environment): DATA_DIR, DATABASE_URL, <SERVICE>_DATABASE_URL.`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs('migrate', { args, options: { services: { type: 'string' } } });
    const services = pickServices(splitList(values.services), 'migrate');
    const config = loadConfig(io.env);
    for (const service of services) {
      const applied = await service.migrate({ config });
      println(io.out, applied.length > 0 ? `${service.name}: applied ${applied.join(', ')}` : `${service.name}: up to date`);
    }
    return 0;
  },
};
