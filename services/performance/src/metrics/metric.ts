import type { EventData, EventType } from '@fieldops/contracts';
import type { EventEnvelope } from '@fieldops/platform';
import type { Uncounted } from '../domain/uncounted';

/** Who is credited and where they worked when the credited thing happened. */
export interface Attribution {
  userId: string;
  orgUnitId: string | null;
  agencyId: string | null;
  areaId: string | null;
  country: string;
}

/** What a metric reads from one event: the credit its source should have now, as of the source's `version`. */
export interface Reading {
  sourceType: 'visit' | 'lead' | 'merchant' | 'enrollment' | 'ticket';
  sourceId: string;
  /** The source's version in the event: an older one than already applied changes nothing. */
  version: number;
  /** The source's whole credit after this event (0: it no longer counts). */
  credit: number;
  /** When the credited thing happened: its facts fall in this instant's periods. */
  occurredAt: number;
  attribution: Attribution;
  /** With no credit: why not, for the rep to see (a visit under review, a duplicate lead). */
  uncounted?: Uncounted;
}

/** Who owns a merchant, for the events of the merchant service that do not say (status changes). */
export interface MerchantOwner {
  ownerId: string | null;
  orgUnitId: string | null;
  agencyId: string | null;
  areaId: string | null;
  country: string;
}

/** What was read before the transaction, for a metric to read an event with. */
export interface Known {
  merchant?: MerchantOwner;
  /** When the merchant's retained-merchant credit was earned (its activation), for a churn event. */
  activatedAt?: number;
  /** The merchant's country's `merchantRetentionDays`, for a churn event. */
  retentionDays?: number;
}

export type Counter<T extends EventType> = (event: EventEnvelope<EventData<T>>, known: Known) => Reading | undefined;

/** A metric as code: the events it counts and, for each, the credit rule. */
export interface Metric {
  name: string;
  description: string;
  counts: { [T in EventType]?: Counter<T> };
}

/** Keeps each counter typed by the event it names. */
export function defineMetric(metric: Metric): Metric {
  return metric;
}
