import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';

// Stream setup: the JetStream stream that holds the events and the durable consumers on it.

export const CONNECT_TIMEOUT_MS = 3_000;
const DUPLICATE_WINDOW_MS = 120_000;
/** Messages delivered and not yet acked per consumer: what is queued in memory at most. */
export const MAX_ACK_PENDING = 128;

/** Maps a subscription pattern (`a.b.c.v1`, `a.b.*`, `*`) to a NATS subject. */
export function subjectForPattern(prefix: string, pattern: string): string {
  if (pattern === '*') return `${prefix}.>`;
  if (pattern.endsWith('.*')) return `${prefix}.${pattern.slice(0, -2)}.>`;
  return `${prefix}.${pattern}`;
}

/** The server rejects overlapping consumer filters, so drop subjects another `>` filter already covers. */
function filterSubjects(prefix: string, patterns: string[]): string[] {
  const subjects = [...new Set(patterns.map((p) => subjectForPattern(prefix, p)))];
  const wildcards = subjects.filter((s) => s.endsWith('.>'));
  return subjects.filter((s) => !wildcards.some((w) => w !== s && s.startsWith(w.slice(0, -1)))).sort();
}

/** Durable names may not contain `.`, `*`, `>`, `/`, `\` or whitespace. */
export function durableName(consumer: string): string {
  return consumer.replace(/[.*>/\\\s]/g, '_');
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/** Multiple filter subjects per consumer arrived in nats-server 2.10. */
function supportsMultipleFilters(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * The one subject an older server filters on for these subjects: the subject itself when there is one, else the
 * narrowest `<tokens>.>` covering all (`p.checkin.visit.>` for two visit events), or nothing when only the whole
 * stream (`p.>`) covers them. Without a filter the server hands the consumer every event of the stream, and after an
 * outage each consumer of a process would read the whole backlog to find its few events.
 */
export function coveringSubject(prefix: string, subjects: string[]): string | undefined {
  if (subjects.length === 1) return subjects[0];
  // A wildcard `a.b.>` contributes `a.b`; a subject `a.b.c` only `a.b` (the `>` must leave a token to match).
  const stems = subjects.map((s) => (s.endsWith('.>') ? s.slice(0, -2).split('.') : s.split('.').slice(0, -1)));
  const common: string[] = [];
  for (const [i, token] of (stems[0] ?? []).entries()) {
    if (!stems.every((stem) => stem[i] === token)) break;
    common.push(token);
  }
  return common.join('.') === prefix || common.length === 0 ? undefined : `${common.join('.')}.>`;
}

type ConsumerFilter = Pick<ConsumerConfig, 'filter_subject' | 'filter_subjects'>;

/**
 * The consumer's filter: each subject on servers that take a list, else the one subject covering them all (which may
 * take in other types too; delivery acks those unapplied). The form not used is cleared, as `update` merges.
 */
function consumerFilter(prefix: string, patterns: string[], serverVersion: string | undefined): ConsumerFilter {
  const subjects = filterSubjects(prefix, patterns);
  if (supportsMultipleFilters(serverVersion))
    return { filter_subjects: subjects.length > 0 ? subjects : undefined, filter_subject: undefined };
  return { filter_subject: coveringSubject(prefix, subjects), filter_subjects: undefined };
}

/** A filter as one string, to compare the wanted one with the consumer's. */
function filtersOf(config: ConsumerFilter): string {
  return [...(config.filter_subjects ?? (config.filter_subject ? [config.filter_subject] : []))].sort().join(',');
}

/** Where the consumers' leases of a stream live. */
export function leaseStream(stream: string): string {
  return `${stream}_LEASES`;
}

export async function ensureStream(jsm: JetStreamManager, stream: string, prefix: string, replicas = 1): Promise<void> {
  try {
    await jsm.streams.info(stream);
    return;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
  }
  try {
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  } catch (err) {
    // Another instance may have created it in the meantime; that's as good as ours.
    await jsm.streams.info(stream).catch(() => {
      throw err;
    });
  }
}

/** The stream a durable consumer reads and the settings it must have. */
export interface DurableConsumerSpec {
  stream: string;
  prefix: string;
  /** The server's version (`nc.info?.version`): older servers take no list of filters. */
  serverVersion: string | undefined;
  ackWaitMs: number;
}

/** Creates the durable consumer for these event types, or brings an existing one's settings up to date. */
export async function ensureConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec, durable: string, types: string[]): Promise<void> {
  const filter = consumerFilter(spec.prefix, types, spec.serverVersion);
  const wanted: Partial<ConsumerConfig> = {
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: -1,
    // Order within a subject is kept in process (nats-keyed-delivery.ts), so many messages may be unacked at once.
    max_ack_pending: MAX_ACK_PENDING,
  };
  let existing: ConsumerConfig | undefined;
  try {
    existing = (await jsm.consumers.info(spec.stream, durable)).config;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
  }
  if (!existing) {
    await jsm.consumers.add(spec.stream, {
      ...wanted,
      ...filter,
      durable_name: durable,
      deliver_policy: DeliverPolicy.All,
      ack_policy: AckPolicy.Explicit,
    });
    return;
  }
  const changed =
    filtersOf(existing) !== filtersOf(filter) ||
    existing.ack_wait !== wanted.ack_wait ||
    existing.max_deliver !== wanted.max_deliver ||
    existing.max_ack_pending !== wanted.max_ack_pending;
  if (changed) {
    await jsm.consumers.update(spec.stream, durable, { ...wanted, ...filter });
  }
}

/** Deletes a stream if it exists (test clean-up). */
export async function deleteNatsStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url.split(','), timeout: CONNECT_TIMEOUT_MS });
  try {
    const jsm = await jetstreamManager(nc);
    for (const name of [stream, leaseStream(stream)]) {
      await jsm.streams.delete(name).catch((err: unknown) => {
        if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
      });
    }
  } finally {
    await nc.close();
  }
}
