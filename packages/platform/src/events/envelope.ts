import { uuidv7 } from 'uuidv7';

/** A CloudEvents 1.0 event with FieldOps' extensions (`country`, `actor`, `traceparent`). */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  /** UUIDv7: also the dedupe key on the bus and in every inbox. */
  id: string;
  /** The publishing service, e.g. `account`. */
  source: string;
  /** `<service>.<entity>.<past-tense>.v<N>`, e.g. `account.user.created.v1`. */
  type: string;
  /** The aggregate id; per-subject order is kept end to end. */
  subject: string;
  /** ISO 8601. */
  time: string;
  datacontenttype: 'application/json';
  country?: string;
  /** Id of the user (or `system`) whose action caused the event. */
  actor?: string;
  /** W3C trace context of the transaction that wrote the event. */
  traceparent?: string;
  data: T;
}

export interface NewEvent<T = unknown> {
  type: string;
  subject: string;
  data: T;
  country?: string;
  actor?: string;
}

const TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[0-9]+$/;

export function isValidEventType(type: string): boolean {
  return TYPE_PATTERN.test(type);
}

export function buildEnvelope<T>(source: string, event: NewEvent<T>, now: number, traceparent?: string): EventEnvelope<T> {
  if (!isValidEventType(event.type)) throw new Error(`invalid event type "${event.type}"`);
  return {
    specversion: '1.0',
    id: uuidv7(),
    source,
    type: event.type,
    subject: event.subject,
    time: new Date(now).toISOString(),
    datacontenttype: 'application/json',
    ...(event.country ? { country: event.country } : {}),
    ...(event.actor ? { actor: event.actor } : {}),
    ...(traceparent ? { traceparent } : {}),
    data: event.data,
  };
}

/** Whether a subscription pattern matches a type: exact, or a trailing `*` segment wildcard (`account.user.*`). */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === type || pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return false;
}
