import type { EventData, EventType } from '@fieldops/contracts';
import type { EventEnvelope } from '@fieldops/platform';
import type { DeliveryChannel } from '../channels/channel';
import type { Severity } from '../db/schema';
import type { TemplateLocale } from '../domain/locale';
import type { Lookups, Recipient } from './lookups';

/** What a recipient reads, in their locale. `line` is the notice as one line of a digest. */
export interface Rendered {
  title: string;
  body: string;
  line?: string;
}

/** Per template locale, a render of the workflow's facts; English is the fallback, so it is required. */
export type Templates<Facts> = { en: (facts: Facts, format: Formatting) => Rendered } & {
  [L in Exclude<TemplateLocale, 'en'>]?: (facts: Facts, format: Formatting) => Rendered;
};

/** Dates in the recipient's locale and timezone. */
export interface Formatting {
  date(epochMs: number): string;
}

/** A digest: notices of one window go out as one message per user and channel. */
export interface DigestRule {
  windowMs: number;
  channels: readonly DeliveryChannel[];
  templates: Templates<{ count: number; lines: string[] }>;
}

/** Who is told, and the facts the templates render (read through RPC before the transaction). */
export interface Audience<Facts> {
  userIds: string[];
  /**
   * People outside the organisation, addressed directly (a merchant's contacts): no account, so no inbox to read and
   * no preferences; their `userId` is a stable id of the address (`contactRecipientId`).
   */
  contacts?: Recipient[];
  facts: Facts;
  link?: string;
}

/** One kind of notice: what triggers it, who receives it, on which channels, and how it reads. */
export interface Workflow<T extends EventType = EventType, Facts = unknown> {
  /** Stable name, shown in preferences and the delivery log, e.g. 'lead-recycle-warning'. */
  name: string;
  trigger: T;
  /** `critical` bypasses quiet hours and preferences. */
  severity: Severity;
  /**
   * Off until the user switches it on: no notice at all (not even in the inbox) for a user who has not turned on one
   * of its channels, and only the channels they turned on. Never critical.
   */
  optIn?: boolean;
  channels: readonly DeliveryChannel[];
  templates: Templates<Facts>;
  digest?: DigestRule;
  /** At most `max` notices of this workflow per user per `windowMs` go beyond the inbox. */
  throttle?: { max: number; windowMs: number };
  /** The recipients and facts, or undefined when the event tells no one (e.g. someone assigned a lead to themself). */
  audience(event: EventEnvelope<EventData<T>>, lookups: Lookups): Promise<Audience<Facts> | undefined>;
}

/** Declares a workflow with its types checked against its trigger. */
export function workflow<T extends EventType, Facts>(definition: Workflow<T, Facts>): Workflow<T, Facts> {
  return definition;
}

/** A workflow of any trigger, as the registry and the consumer hold them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds workflows of every trigger and facts type.
export type AnyWorkflow = Workflow<any, any>;
