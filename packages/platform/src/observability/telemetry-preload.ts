import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { createLogger } from './logger';
import { startTelemetry } from './telemetry';

/**
 * Tracing has to hook module loading before the modules it instruments (http, undici, mysql2…) are imported:
 * ES modules cannot be patched afterwards. Entry points call this first, then import the rest. Nothing happens
 * unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
 */
export async function preloadTelemetry(env: Record<string, string | undefined>, serviceName: string): Promise<void> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  // Only the modules an instrumentation asks for are wrapped: wrapping every module (our TypeScript included)
  // fails noisily and slows the start.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  await startTelemetry(env, env.OTEL_SERVICE_NAME ?? serviceName, createLogger(env.LOG_LEVEL ?? 'info'));
  await waitForAllMessagesAcknowledged();
}
