import { databaseUrlFor, Host, loadConfig, type PlatformConfig, type ServiceDefinition } from '@fieldops/platform';
import { type CliIo, type Command, parseCommandArgs, println, splitList } from '../command';
import { loadGateway } from '../edge';
import { createProgress } from '../progress/create-progress';
import { printServeBanner } from '../serve-banner';
import { planServe } from '../serve-plan';
import { listenForShutdown } from '../shutdown-signals';

const help = `Usage: fieldops serve [--services <names>]

Runs FieldOps on PORT (default 3000).

  (no --services)      embedded: every service and the gateway in one process, data under DATA_DIR
                       (default ./data); the first start seeds the demo organisation and prints its logins
  --services <names>   distributed: only the named services, comma-separated; "gateway" is the edge
                       (e.g. --services account, --services gateway, --services gateway,account).
                       Never seeds: use "fieldops seed --demo".

Settings (environment): PORT, HOST, DATA_DIR, DATABASE_URL, BUS_URL, CACHE_URL (CACHE_MIGRATION_TARGET_URL,
CACHE_MIGRATION_PHASE), FILES_URL,
SERVICE_<NAME>_URL (where the gateway reaches a service that runs elsewhere), LOG_LEVEL.
SIGTERM or SIGINT stops gracefully (in-flight requests and the outbox relays finish); a second one exits at once.`;

/** Demo data belongs to a laptop install: every database is a local SQLite file, never a shared server. */
function usesLocalDatabases(config: PlatformConfig, services: ServiceDefinition[]): boolean {
  return services.every((service) => databaseUrlFor(config, service.name).startsWith('sqlite:'));
}

async function seedOnFirstStart(host: Host, io: CliIo): Promise<void> {
  // Idempotent: a service that already has its demo data answers no summary.
  const summaries = await host.seedDemo(createProgress(io.out));
  if (summaries.length === 0) return;
  println(io.out, 'Seeded the demo organisation.');
  for (const summary of summaries) println(io.out, summary);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run every service and the gateway (embedded), or the ones named with --services',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs('serve', { args, options: { services: { type: 'string' } } });
    const plan = planServe(splitList(values.services));
    const config = loadConfig(io.env);
    const shutdown = listenForShutdown(io);
    try {
      const edge = plan.gateway ? await loadGateway() : undefined;
      const host = await Host.start({ config, services: plan.services, edge });
      try {
        if (plan.embedded && usesLocalDatabases(config, plan.services) && !shutdown.requested) await seedOnFirstStart(host, io);
        printServeBanner(io, host, plan);
        await shutdown.received;
      } finally {
        await host.stop();
      }
      println(io.out, 'Stopped.');
      return 0;
    } finally {
      shutdown.dispose();
    }
  },
};
