import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs; each line carries the active trace and span ids so logs and traces join up (Loki → Tempo/Jaeger). They go
 * to standard output unless a destination is given.
 */
export function createLogger(level: string, name = 'fieldops', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    mixin() {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
    redact: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken'],
  };
  return destination ? pino(options, destination) : pino(options);
}
