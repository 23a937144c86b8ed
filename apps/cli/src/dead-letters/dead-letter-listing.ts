import { formatTable, truncate } from '../output/table';
import type { ServiceDeadLetter } from './service-dead-letters';

const ERROR_WIDTH = 60;

function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function deadLetterTable(rows: ServiceDeadLetter[]): string {
  return formatTable(
    ['SERVICE', 'ID', 'CONSUMER', 'TYPE', 'ATTEMPTS', 'FAILED AT', 'ERROR'],
    rows.map(({ service, letter }) => [
      service,
      String(letter.id),
      letter.consumer,
      letter.type,
      String(letter.attempts),
      isoSeconds(letter.failedAt),
      truncate(letter.error, ERROR_WIDTH),
    ]),
  );
}

/** For scripts: every field, the whole error and the event itself. */
export function deadLetterJson(rows: ServiceDeadLetter[]): string {
  return JSON.stringify(
    rows.map(({ service, letter }) => ({ service, ...letter, failedAt: new Date(letter.failedAt).toISOString() })),
    null,
    2,
  );
}
