import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { loadConfig } from '@fieldops/platform';
import { ticketsService, ticketsTasks } from '@fieldops/tickets';
import { type Command, parseCommandArgs, println, UsageError } from '../command';
import { runTask } from '../run-task';

const help = `Usage: fieldops tickets (recompute-sla | fire-sla)

recompute-sla  recomputes every open ticket's SLA from its history on today's calendars and policies: run it after
               a country's holidays or working hours were corrected (COUNTRY_OVERRIDES_FILE), so the due-time
               index and the queue's "breaches first" order follow at once
fire-sla       runs the SLA job once now: the warnings, breaches and escalations due are published, each once

Settings (environment): DATA_DIR, DATABASE_URL (TICKETS_DATABASE_URL), BUS_URL, CACHE_URL, COUNTRY_OVERRIDES_FILE,
LOG_LEVEL.`;

export const ticketsCommand: Command = {
  name: 'tickets',
  summary: 'ticket tools: recompute the SLA of open tickets after a calendar fix (tickets recompute-sla), fire-sla',
  help,
  async run(args, io) {
    const { positionals } = parseCommandArgs('tickets', { args, options: {}, allowPositionals: true });
    const [action, ...rest] = positionals;
    if (rest.length > 0 || (action !== 'recompute-sla' && action !== 'fire-sla')) {
      throw new UsageError('say what to do: tickets recompute-sla or tickets fire-sla', 'tickets');
    }
    // The account service answers the tokens the area service's covering reps are asked with.
    const services = [accountService, areaService, ticketsService];
    const run = { config: loadConfig(io.env), services };
    if (action === 'recompute-sla') {
      const { result, seconds } = await runTask(io, { ...run, background: false }, ticketsTasks.recomputeSla, {});
      println(io.out, `Tickets: ${result.recomputed} open tickets with a new SLA in ${seconds.toFixed(1)} s`);
    } else {
      const { result, seconds } = await runTask(io, run, ticketsTasks.fireSlaActions, {});
      println(io.out, `Tickets: ${result.fired} SLA actions fired in ${seconds.toFixed(1)} s`);
    }
    return 0;
  },
};
