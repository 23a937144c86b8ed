import { Host, loadConfig, type RunningService } from '@fieldops/platform';
import { type CliIo, type Command, parseCommandArgs, println, UsageError } from '../command';
import { deadLetterJson, deadLetterTable } from '../dead-letters/dead-letter-listing';
import { type ReplayOutcome, replayDeadLetter } from '../dead-letters/replay-dead-letter';
import { ALL_ROWS, collectDeadLetters, LIST_LIMIT, type ServiceDeadLetter } from '../dead-letters/service-dead-letters';
import { createProgress } from '../progress/create-progress';
import { pickServices } from '../services';

const help = `Usage: fieldops dlq list [--service <name>] [--json]
       fieldops dlq replay <service> <id>
       fieldops dlq replay <service> --all

Events a consumer gave up on (after its retries) wait in the dead-letter table of the consuming service.
  list     shows them for every service, or one: service, id, consumer, type, attempts, failed at, error
           (--json prints every field, the whole error and the event)
  replay   hands one (or --all) back to its consumer; a row that applies (or was applied meanwhile) is
           removed, one that fails again stays and is reported (exit code 1)

Settings (environment): DATA_DIR, DATABASE_URL, BUS_URL, CACHE_URL, LOG_LEVEL.`;

/** Starts the services without listening: their databases, and their consumers for a replay. */
function startHost(io: CliIo, services: string[] | undefined): Promise<Host> {
  // Neither consume nor relay: listing must change nothing; a replay's own events wait in the outbox for `serve`.
  return Host.start({ config: loadConfig(io.env), services: pickServices(services, 'dlq'), listen: false, background: false });
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('dlq', { args, options: { service: { type: 'string' }, json: { type: 'boolean' } } });
  const host = await startHost(io, values.service === undefined ? undefined : [values.service]);
  try {
    const rows = await collectDeadLetters(host, LIST_LIMIT);
    if (values.json) println(io.out, deadLetterJson(rows));
    else if (rows.length === 0) println(io.out, 'No dead letters.');
    else println(io.out, deadLetterTable(rows));
    if (rows.length >= LIST_LIMIT && !values.json) println(io.out, `(the first ${LIST_LIMIT} of each service)`);
  } finally {
    await host.stop();
  }
  return 0;
}

function describeOutcome(row: ServiceDeadLetter, outcome: ReplayOutcome): string {
  const what = `${row.service} #${row.letter.id} (${row.letter.type} → ${row.letter.consumer})`;
  if (outcome.status === 'replayed') return `${what}: ${outcome.result}; removed`;
  if (outcome.status === 'failed_again') return `${what}: failed again (the log says why); kept`;
  return `${what}: cannot replay: ${outcome.reason}; kept`;
}

function parseReplay(args: string[]): { service: string; id: number | undefined } {
  const { values, positionals } = parseCommandArgs('dlq', { args, allowPositionals: true, options: { all: { type: 'boolean' } } });
  const [service, rawId, ...extra] = positionals;
  if (service === undefined) throw new UsageError('name the service whose dead letters to replay', 'dlq');
  if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}"`, 'dlq');
  if (Boolean(values.all) === (rawId !== undefined)) throw new UsageError('give either a dead letter id or --all', 'dlq');
  if (rawId === undefined) return { service, id: undefined };
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`"${rawId}" is not a dead letter id`, 'dlq');
  return { service, id };
}

async function replayRows(service: RunningService, rows: ServiceDeadLetter[], io: CliIo): Promise<ReplayOutcome[]> {
  // One bar for a batch; a single replay reports by its result line alone.
  const progress = rows.length > 1 ? createProgress(io.out) : undefined;
  progress?.start(rows.length, `${service.name}: replaying dead letters`);
  const outcomes: ReplayOutcome[] = [];
  for (const row of rows) {
    outcomes.push(await replayDeadLetter(service, row));
    progress?.tick();
  }
  progress?.stop();
  return outcomes;
}

async function replay(args: string[], io: CliIo): Promise<number> {
  const request = parseReplay(args);
  const host = await startHost(io, [request.service]);
  try {
    const service = host.service(request.service);
    if (!service) throw new Error(`the ${request.service} service did not start`);
    const all = await collectDeadLetters(host, ALL_ROWS);
    const rows = request.id === undefined ? all : all.filter((row) => row.letter.id === request.id);
    if (rows.length === 0) {
      if (request.id === undefined) {
        println(io.out, `No dead letters in ${request.service}.`);
        return 0;
      }
      println(io.err, `fieldops: ${request.service} has no dead letter ${request.id} (see "fieldops dlq list")`);
      return 1;
    }
    const outcomes = await replayRows(service, rows, io);
    const kept = outcomes.filter((o) => o.status !== 'replayed').length;
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i];
      // A batch lists only what needs a look; a single replay always says what happened.
      if (outcome && (rows.length === 1 || outcome.status !== 'replayed')) println(io.out, describeOutcome(row, outcome));
    }
    if (rows.length > 1) println(io.out, `Replayed ${rows.length - kept} of ${rows.length}; ${kept} kept.`);
    return kept > 0 ? 1 : 0;
  } finally {
    await host.stop();
  }
}

export const dlqCommand: Command = {
  name: 'dlq',
  summary: 'list and replay dead letters (events a consumer gave up on)',
  help,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'list') return list(rest, io);
    if (subcommand === 'replay') return replay(rest, io);
    throw new UsageError(subcommand === undefined ? 'say list or replay' : `unknown dlq command "${subcommand}"`, 'dlq');
  },
};
