import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A page that shows what an event changed waits for its consumer; a busy two-core machine takes seconds, not one.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    env: { OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none', LOG_LEVEL: 'silent' },
    // Two cores: more workers only fight over them and over the shared engines.
    maxWorkers: 2,
  },
});
