import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; each line carries the active trace and span ids so logs and traces join up (Loki → Tempo/Jaeger). */
export function createLogger(level: string, name = 'fieldops'): Logger {
  return pino({
    name,
    level,
    mixin() {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
    redact: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken'],
  });
}
