import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../events/envelope';

let shutdownTracing: (() => Promise<void>) | undefined;
let sentry: typeof import('@sentry/node') | undefined;

/**
 * Starts OpenTelemetry only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set and Sentry only with `SENTRY_DSN`; both
 * are loaded lazily so an embedded start pays nothing for them. Call before the HTTP server is created.
 */
export async function startTelemetry(env: Record<string, string | undefined>, serviceName: string, log: Logger): Promise<void> {
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT && !shutdownTracing) {
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    const { getNodeAutoInstrumentations } = await import('@opentelemetry/auto-instrumentations-node');
    const sdk = new NodeSDK({
      serviceName,
      instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } })],
    });
    sdk.start();
    shutdownTracing = () => sdk.shutdown();
    log.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'OpenTelemetry tracing on');
  }
  if (env.SENTRY_DSN && !sentry) {
    sentry = await import('@sentry/node');
    sentry.init({ dsn: env.SENTRY_DSN, environment: env.NODE_ENV ?? 'production', tracesSampleRate: 0 });
    log.info('Sentry error reporting on');
  }
}

export function reportError(error: unknown, extra: Record<string, unknown> = {}): void {
  sentry?.captureException(error, { extra });
}

export async function stopTelemetry(): Promise<void> {
  await sentry?.close(2000);
  await shutdownTracing?.();
}

/** The W3C traceparent of the active span, to carry in an event envelope. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs a consumer's `work` in a span whose parent is the trace context the event carried, so the consumer's
 * database calls and the events it writes join the producer's trace. A no-op when tracing is off.
 */
export function inConsumerSpan<T>(name: string, traceparent: string | undefined, work: () => Promise<T>): Promise<T> {
  const parent = traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
  return context.with(parent, () =>
    trace.getTracer('fieldops').startActiveSpan(name, { kind: SpanKind.CONSUMER }, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    }),
  );
}

/**
 * Publishes events each in a PRODUCER span whose parent is the trace the event was written in (its traceparent),
 * and hands the bus copies whose traceparent names that span: a consumer's span then hangs under the publish, as
 * the event went: request → outbox → publish → consumer. Events written outside any trace are published as they are.
 */
export async function inPublishSpans(events: EventEnvelope[], publish: (events: EventEnvelope[]) => Promise<void>): Promise<void> {
  const tracer = trace.getTracer('fieldops');
  const spans = events.map((event) => {
    if (!event.traceparent) return undefined;
    const parent = propagation.extract(context.active(), { traceparent: event.traceparent });
    return tracer.startSpan(
      `publish ${event.type}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.operation.type': 'send', 'messaging.destination.name': event.type, 'messaging.message.id': event.id },
      },
      parent,
    );
  });
  const sent = events.map((event, i) => {
    const span = spans[i];
    if (!span) return event;
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    return carrier.traceparent ? { ...event, traceparent: carrier.traceparent } : event;
  });
  try {
    await publish(sent);
  } catch (error) {
    for (const span of spans)
      span?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    for (const span of spans) span?.end();
  }
}
