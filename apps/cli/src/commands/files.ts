import { type BackfillSummary, backfillBlobs, type FileDb, fileService } from '@fieldops/file';
import { blobUrlSigner, ConfigError, createFileStore, databaseUrlFor, loadConfig, openDatabase } from '@fieldops/platform';
import { type CliIo, type Command, parseCommandArgs, println, UsageError } from '../command';
import { createProgress } from '../progress/create-progress';

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
  const config = loadConfig(io.env);
  const migration = config.filesMigration;
  if (!migration) {
    throw new ConfigError(
      'FILES_MIGRATION_TARGET_URL',
      'is not set: the backfill copies from FILES_URL to that store (with FILES_MIGRATION_PHASE)',
    );
  }
  await fileService.migrate({ config });
  const setting = io.env.FILE_DATABASE_URL ? 'FILE_DATABASE_URL' : 'DATABASE_URL';
  const database = await openDatabase<FileDb>(databaseUrlFor(config, 'file'), 'file', { setting });
  const signer = blobUrlSigner(config, Date.now);
  const from = createFileStore(config.filesUrl, { signer, env: config.env });
  const to = createFileStore(migration.targetUrl, { signer, env: config.env, setting: 'FILES_MIGRATION_TARGET_URL' });
  try {
    const started = performance.now();
    const summary = await backfillBlobs(database.db, { from, to }, { progress: createProgress(io.out), now: Date.now });
    printSummary(io, summary, (performance.now() - started) / 1000);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await Promise.all([from.close(), to.close(), database.close()]);
  }
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
