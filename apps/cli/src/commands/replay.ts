import { performanceService, performanceTasks, type ReplayReport } from '@fieldops/performance';
import { loadConfig } from '@fieldops/platform';
import { type RebuildReport, searchService, searchTasks } from '@fieldops/search';
import { type CliIo, type Command, parseCommandArgs, println, UsageError } from '../command';
import { runTask } from '../run-task';
import { ALL_SERVICES } from '../services';

const help = `Usage: fieldops replay search | performance

Rebuilds the search index from the source services' exports (ExportVisits, ExportMerchants, ExportLeads,
ExportPlaces), page by page with a progress bar, into a new index generation while the current one keeps serving;
then makes the new one current and deletes the old. A source whose export is not implemented or not reachable, or
whose service is not part of the installation, is reported and skipped: its documents are carried over from the
current index.

Embedded: runs the services in this process over DATA_DIR; stop "fieldops serve" first, or let a running
installation do it with POST /api/v1/search/rebuild (admins). Distributed: set SERVICE_<NAME>_URL for the
sources, INTERNAL_SECRET, and the SEARCH_URL of the index to rebuild; restart the search replicas after it.

replay performance: brings the performance facts in step with the sources' exports (ExportVisits, ExportLeads,
ExportMerchants, ExportTickets): a record whose events were missed, or whose facts were lost, gets the facts for the
difference; one in step is left alone. It can run beside a live installation. Metrics it cannot rebuild (merchant
figures sent in by API, campaign enrollments, tickets when the tickets service is not installed) are listed and left
as they were made.

Settings (environment): DATA_DIR, DATABASE_URL (SEARCH_DATABASE_URL, PERFORMANCE_DATABASE_URL), SEARCH_URL, BUS_URL,
CACHE_URL, LOG_LEVEL.`;

function printReport(io: CliIo, report: RebuildReport): void {
  for (const s of report.sources) {
    if (s.skipped) println(io.out, `  ${s.source}: skipped (${s.skipped}); ${s.carried} documents carried over from the old index`);
    else println(io.out, `  ${s.source}: ${s.documents} documents`);
  }
}

async function replaySearch(io: CliIo): Promise<void> {
  const config = loadConfig(io.env);
  const services = [...ALL_SERVICES.filter((s) => s.name !== 'search' && !config.serviceUrls[s.name]), searchService];
  const { result: report, seconds } = await runTask(io, { config, services }, searchTasks.rebuildSearch, undefined);
  println(io.out, `Search index rebuilt (generation ${report.generation}) in ${seconds.toFixed(1)} s`);
  printReport(io, report);
}

function printPerformanceReport(io: CliIo, report: ReplayReport): void {
  for (const m of report.metrics) println(io.out, `  ${m.metric}: ${m.read} records read, ${m.corrected} brought in step`);
  if (report.notReplayed.length > 0) println(io.out, `  not replayed (no export to rebuild from here): ${report.notReplayed.join(', ')}`);
}

async function replayPerformance(io: CliIo): Promise<void> {
  const config = loadConfig(io.env);
  const services = [...ALL_SERVICES.filter((s) => s.name !== 'performance' && !config.serviceUrls[s.name]), performanceService];
  const { result: report, seconds } = await runTask(io, { config, services }, performanceTasks.replayPerformance, undefined);
  println(io.out, `Performance facts replayed in ${seconds.toFixed(1)} s`);
  printPerformanceReport(io, report);
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'rebuild a read model from its sources (replay search | performance)',
  help,
  async run(args, io) {
    const { positionals } = parseCommandArgs('replay', { args, options: {}, allowPositionals: true });
    const [what, ...rest] = positionals;
    if (rest.length > 0 || (what !== 'search' && what !== 'performance')) {
      throw new UsageError('say what to rebuild: replay search | replay performance', 'replay');
    }
    if (what === 'search') await replaySearch(io);
    else await replayPerformance(io);
    return 0;
  },
};
