import { UnprocessableError, ValidationError } from '@fieldops/platform';
import { brTickets } from './br';
import { cnTickets } from './cn';
import { hkTickets } from './hk';
import { idTickets } from './id';
import { mxTickets } from './mx';
import { saTickets } from './sa';
import { sgTickets } from './sg';
import { thTickets } from './th';
import type { CountryTicketSetup, TicketTypeDefinition } from './ticket-type';

export * from './ticket-type';

const BY_COUNTRY: Readonly<Record<string, CountryTicketSetup>> = {
  SG: sgTickets,
  CN: cnTickets,
  ID: idTickets,
  BR: brTickets,
  HK: hkTickets,
  MX: mxTickets,
  SA: saTickets,
  TH: thTickets,
};

/** Whether tickets are set up for a country (a country pack may ship without them). */
export function hasTicketSetup(country: string): boolean {
  return country in BY_COUNTRY;
}

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
