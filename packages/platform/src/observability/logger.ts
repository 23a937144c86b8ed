import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; each line carries the active trace id so logs and traces join up. */
export function createLogger(level: string, name = 'fieldops'): Logger {
  return pino({
    name,
    level,
    mixin() {
      const span = trace.getActiveSpan();
      return span ? { trace_id: span.spanContext().traceId } : {};
    },
    redact: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken'],
  });
}
