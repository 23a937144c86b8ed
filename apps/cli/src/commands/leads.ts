import { readFile } from 'node:fs/promises';
import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { type ImportFor, type ImportReport, leadsService, leadsTasks } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { loadConfig } from '@fieldops/platform';
import { type CliIo, type Command, parseCommandArgs, println, UsageError } from '../command';
import { runTask } from '../run-task';

const help = `Usage: fieldops leads import <FILE> (--as <USER_ID|EMAIL> | --country <CC>)

Imports leads from a CSV file (header row; columns name, category, lat, lng, and optionally phone, address;
WGS-84 coordinates) through the same capture path as POST /api/v1/leads: each row is validated and checked for
duplicates against the stored leads, the merchants nearby and the file's other rows. A row that is already a
merchant is rejected, a strong duplicate lead is merged (no twin is created), a weak one is created and flagged,
an invalid row is rejected with the reasons. Shows progress, then prints the
summary and the rejected rows.

--as USER      the leads are that user's, named by id or email (in their country, within their claim limit)
--country CC   the leads go to that country's public pool

Settings (environment): DATA_DIR, DATABASE_URL (LEADS_DATABASE_URL), BUS_URL, CACHE_URL, LOG_LEVEL.`;

function printReport(io: CliIo, report: ImportReport): void {
  for (const row of report.rows) {
    if (row.status === 'rejected') println(io.out, `  row ${row.row}: rejected — ${row.reasons.join('; ')}`);
  }
}

async function importFile(io: CliIo, file: string, who: ImportFor): Promise<void> {
  const text = await readFile(file, 'utf8');
  const services = [accountService, areaService, merchantService, leadsService];
  const { result: report, seconds } = await runTask(io, { config: loadConfig(io.env), services }, leadsTasks.importLeads, { text, who });
  println(io.out, `Leads: ${report.created} created, ${report.merged} merged, ${report.rejected} rejected in ${seconds.toFixed(1)} s`);
  printReport(io, report);
}

/** An email has an @; a user id (UUIDv7) never does. */
function ownerOf(as: string | undefined, country: string): ImportFor {
  if (as === undefined) return { country };
  return as.includes('@') ? { email: as } : { userId: as };
}

export const leadsCommand: Command = {
  name: 'leads',
  summary: 'lead tools: import a CSV file of leads (leads import FILE)',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('leads', {
      args,
      options: { as: { type: 'string' }, country: { type: 'string' } },
      allowPositionals: true,
    });
    const [action, file, ...rest] = positionals;
    if (action !== 'import') throw new UsageError('say what to do: leads import FILE', 'leads');
    if (file === undefined || rest.length > 0) throw new UsageError('leads import takes one FILE', 'leads');
    if ((values.as === undefined) === (values.country === undefined)) {
      throw new UsageError('say whose leads they are: --as USER (id or email) or --country CC (one of them)', 'leads');
    }
    await importFile(io, file, ownerOf(values.as, values.country ?? ''));
    return 0;
  },
};
