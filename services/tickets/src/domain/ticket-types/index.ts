import { UnprocessableError, ValidationError } from '@fieldops/platform';
import { brTickets } from './br';
import { cnTickets } from './cn';
import { idTickets } from './id';
import { sgTickets } from './sg';
import type { CountryTicketSetup, TicketTypeDefinition } from './ticket-type';

export * from './ticket-type';

const BY_COUNTRY: Readonly<Record<string, CountryTicketSetup>> = { SG: sgTickets, CN: cnTickets, ID: idTickets, BR: brTickets };

/** The ticket setup of a country; one FieldOps does not operate in has none. */
export function ticketSetupOf(country: string): CountryTicketSetup {
  const setup = BY_COUNTRY[country];
  if (!setup) throw new UnprocessableError(`No ticket types are set up for ${country}.`);
  return setup;
}

/** A type of the country, or a 400 naming `/body/type` with the types there are. */
export function ticketTypeOf(country: string, type: string): TicketTypeDefinition {
  const { types } = ticketSetupOf(country);
  const found = types.find((t) => t.type === type);
  if (found) return found;
  throw new ValidationError([{ field: '/body/type', message: `must be one of ${types.map((t) => t.type).join(', ')} in ${country}` }]);
}
