import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real servers (local cloud, PostgreSQL, child processes); give them room on a 2-core box.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NOVAMART_LOG_LEVEL: 'warn' },
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
