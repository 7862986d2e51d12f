import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One run for the whole repository: pure unit tests beside their modules, integration tests in
 * `test/integration/`. The global setup starts the real stack (Keycloak, PostgreSQL, SMTP sink) once.
 */
export default defineConfig({
  test: {
    include: ['sync-service/src/**/*.test.ts', 'realm-config/src/**/*.test.ts', 'integration-kit/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'test/**/*.test.ts', 'console/src/**/*.test.ts'],
    // The cluster's tests start a cluster of their own (npm run test:cluster, vitest.cluster.config.ts).
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
