import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import { accountEvents } from './account';
import { areaEvents } from './area';
import { checkinEvents } from './checkin';
import { fileEvents } from './file';
import { leadsEvents } from './leads';
import { marketingEvents } from './marketing';
import { merchantEvents } from './merchant';
import { migrationEvents } from './migration';
import { performanceEvents } from './performance';
import { platformEvents } from './platform';
import { poiEvents } from './poi';
import { ticketsEvents } from './tickets';

/** Every event type published in FieldOps → its data schema. Add each service's record here. */
export const eventCatalogue = {
  ...accountEvents,
  ...areaEvents,
  ...checkinEvents,
  ...fileEvents,
  ...leadsEvents,
  ...marketingEvents,
  ...merchantEvents,
  ...migrationEvents,
  ...performanceEvents,
  ...platformEvents,
  ...poiEvents,
  ...ticketsEvents,
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof eventCatalogue;

/** The `data` of any catalogued event, e.g. `EventData<'account.user.created.v1'>`. */
export type EventData<T extends EventType> = Static<(typeof eventCatalogue)[T]>;

export type EventValidationResult = { ok: true } | { ok: false; errors: string[] };

export function isCataloguedEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}

/** Each event type's schema compiled once, on first use: every consumed event is checked on the hot path. */
const checkers = new Map<EventType, Validator>();

function checkerOf(type: EventType): Validator {
  let checker = checkers.get(type);
  if (!checker) {
    checker = Compile(eventCatalogue[type]);
    checkers.set(type, checker);
  }
  return checker;
}

/** Whether `data` matches the schema of event `type`: a handler of `type` may take it as `EventData<type>`. */
export function isEventData<T extends EventType>(type: T, data: unknown): data is EventData<T> {
  return checkerOf(type).Check(data);
}

/**
 * Checks `data` against the schema of event `type` with TypeBox's value checker. An unknown type fails.
 * Each error reads `<instancePath or "/">: <TypeBox message>`, e.g. `/: must have required properties email`
 * or `/roleIds/0: must be string`.
 */
export function validateEventData(type: string, data: unknown): EventValidationResult {
  if (!isCataloguedEventType(type)) return { ok: false, errors: [`unknown event type "${type}"`] };
  if (checkerOf(type).Check(data)) return { ok: true };
  const schema: TSchema = eventCatalogue[type];
  const errors = Value.Errors(schema, data).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  return { ok: false, errors: errors.length > 0 ? errors : [`invalid data for "${type}"`] };
}
