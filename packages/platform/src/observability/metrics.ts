import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The process's metrics, shared by every service it runs; names follow Prometheus conventions. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status' | 'service'>;
  readonly forwarded: Counter<'service' | 'lane'>;
  readonly eventsPublished: Counter<'service'>;
  readonly outboxBacklog: Gauge<'service'>;
  readonly outboxOldest: Gauge<'service'>;
  readonly ready: Gauge;
  readonly replicaUp: Gauge<'service' | 'replica'>;
  readonly replicaLag: Gauge<'service' | 'replica'>;
  readonly replicaReads: Counter<'service' | 'target'>;
  readonly businessEvents: Counter<'service' | 'event' | 'country' | 'outcome'>;
  readonly eventsHandled: Counter<'consumer' | 'result'>;
  readonly eventsUnhandled: Counter<'service' | 'type'>;
  readonly eventRetries: Counter<'consumer'>;
  readonly deadLetters: Counter<'consumer'>;
  readonly consumerLag: Histogram<'consumer'>;
  readonly rpcDuration: Histogram<'method' | 'code'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'fieldops_http_request_duration_seconds',
      help: 'HTTP requests by route and status (rate, errors and duration)',
      labelNames: ['method', 'route', 'status', 'service'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.forwarded = new Counter({
      name: 'fieldops_gateway_forwarded_total',
      help: "Requests the gateway forwarded to a service in another process, by the way they took: direct (the forwarding lane) or router (Fastify's route: percent-encoded paths, bodies without a length, legacy migration)",
      labelNames: ['service', 'lane'],
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'fieldops_outbox_published_total',
      help: 'Events the relay published from the outbox',
      labelNames: ['service'],
      registers,
    });
    this.outboxBacklog = new Gauge({
      name: 'fieldops_outbox_backlog',
      help: 'Outbox rows not yet published',
      labelNames: ['service'],
      registers,
    });
    this.outboxOldest = new Gauge({
      name: 'fieldops_outbox_oldest_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none waits)',
      labelNames: ['service'],
      registers,
    });
    this.ready = new Gauge({
      name: 'fieldops_ready',
      help: 'What the last /readyz answered: 1 ready, 0 not ready (a flapping value means a dependency comes and goes)',
      registers,
    });
    this.replicaUp = new Gauge({
      name: 'fieldops_db_replica_up',
      help: 'Whether a read replica takes reads: 1 in rotation, 0 taken out (unreachable, replication stopped or lagging)',
      labelNames: ['service', 'replica'],
      registers,
    });
    this.replicaLag = new Gauge({
      name: 'fieldops_db_replica_lag_seconds',
      help: 'Seconds_Behind_Master of a read replica at its last health check (-1 when unknown)',
      labelNames: ['service', 'replica'],
      registers,
    });
    this.replicaReads = new Counter({
      name: 'fieldops_db_replica_reads_total',
      help: 'Reads that tolerate lag, by where they went: replica, or primary (no replica in rotation, or it had not caught up)',
      labelNames: ['service', 'target'],
      registers,
    });
    this.businessEvents = new Counter({
      name: 'fieldops_business_events_total',
      help: 'Domain events published, by type (without version), country and outcome: check-ins, leads, merchants, tickets',
      labelNames: ['service', 'event', 'country', 'outcome'],
      registers,
    });
    this.eventsHandled = new Counter({
      name: 'fieldops_events_handled_total',
      help: 'Events consumers handled, by result (applied, duplicate, dead_lettered)',
      labelNames: ['consumer', 'result'],
      registers,
    });
    this.eventsUnhandled = new Counter({
      name: 'fieldops_events_unhandled_total',
      help: 'Events a consumer received without a handler for their type (a subscription wider than its handlers)',
      labelNames: ['service', 'type'],
      registers,
    });
    this.eventRetries = new Counter({
      name: 'fieldops_event_retries_total',
      help: 'Event handling attempts that failed and were retried',
      labelNames: ['consumer'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'fieldops_dead_letters_total',
      help: 'Events moved to a dead-letter table',
      labelNames: ['consumer'],
      registers,
    });
    this.consumerLag = new Histogram({
      name: 'fieldops_consumer_lag_seconds',
      help: 'Time from an event being written to a consumer applying it',
      labelNames: ['consumer'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
      registers,
    });
    this.rpcDuration = new Histogram({
      name: 'fieldops_rpc_server_duration_seconds',
      help: 'RPC calls served, by method and code',
      labelNames: ['method', 'code'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    });
  }
}
