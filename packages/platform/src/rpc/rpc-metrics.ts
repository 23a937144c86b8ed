import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import type { Metrics } from '../observability/metrics';

/** Records every RPC this process serves: duration by method and result code. */
export function rpcMetricsInterceptor(metrics: Metrics): Interceptor {
  return (next) => async (request) => {
    const started = performance.now();
    const method = `${request.service.typeName}/${request.method.name}`;
    try {
      const response = await next(request);
      metrics.rpcDuration.observe({ method, code: 'ok' }, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      const code = error instanceof ConnectError ? Code[error.code] : 'unknown';
      metrics.rpcDuration.observe({ method, code: String(code).toLowerCase() }, (performance.now() - started) / 1000);
      throw error;
    }
  };
}
