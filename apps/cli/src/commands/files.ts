import { type BackfillSummary, fileService, fileTasks } from '@fieldops/file';
import { loadConfig } from '@fieldops/platform';
import { type CliIo, type Command, parseCommandArgs, println, UsageError } from '../command';
import { runTask } from '../run-task';

const help = `Usage: fieldops files migrate --backfill

Copies every stored file (blob and thumbnail) that the current store (FILES_URL) has and the new store
(FILES_MIGRATION_TARGET_URL) lacks, checking each copy's SHA-256. Progress is kept in the file service's database:
an interrupted run continues where it stopped; a run after a finished one checks everything again and copies only
what is missing. Shows a progress bar, then the summary and each failure with its reason. Exit code 1 when a
file could not be copied. Run it in the dual-write phases (see docs/operations.md, "Moving files to another store").

Settings (environment): FILES_URL, FILES_MIGRATION_TARGET_URL, FILES_MIGRATION_PHASE, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, DATA_DIR, DATABASE_URL (FILE_DATABASE_URL), LOG_LEVEL.`;

function printSummary(io: CliIo, summary: BackfillSummary, seconds: number): void {
  const how = summary.resumed ? 'continued an interrupted run' : 'checked every file';
  println(
    io.out,
    `Files: ${summary.copied} copied, ${summary.alreadyThere} already there, ${summary.failed.length} failed (${how}) in ${seconds.toFixed(1)} s`,
  );
  for (const failure of summary.failed) println(io.out, `  ${failure.sha256}: ${failure.reason}`);
}

async function backfill(io: CliIo): Promise<number> {
  // Only the file service, and no relays, consumers or jobs: the backfill reads and writes the stores, never events.
  const on = { config: loadConfig(io.env), services: [fileService], background: false };
  const { result: summary, seconds } = await runTask(io, on, fileTasks.migrateFiles, undefined);
  printSummary(io, summary, seconds);
  return summary.failed.length > 0 ? 1 : 0;
}

export const filesCommand: Command = {
  name: 'files',
  summary: 'file storage tools: copy files to the new store during a storage migration (files migrate --backfill)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('files', { args, options: { backfill: { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length !== 1 || positionals[0] !== 'migrate' || !values.backfill) {
      throw new UsageError('say what to do: files migrate --backfill', 'files');
    }
    return backfill(io);
  },
};
