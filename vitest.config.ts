import { configDefaults, defineConfig } from 'vitest/config';

/**
 * One run for the whole repository: pure unit tests beside their modules, integration tests in
 * `test/integration/`. The global setup starts the real stack (Keycloak, PostgreSQL, SMTP sink) once
 * and hands it to both groups of files below.
 *
 * Most files wait on Keycloak, PostgreSQL or Chromium far more than they compute, and each works in
 * organizations of its own: they run three at a time (`shared`; `PROCURA_TEST_WORKERS` sets how
 * many). The files of `alone` run after them, one at a time: they start a Keycloak or a stack of
 * their own (which takes both cores), inject faults, change a realm-wide setting for a while, count
 * requests per address, or run a full reconcile, which would touch the other files' organizations
 * in the middle of their tests.
 */
const alone = [
  'test/integration/dev-stack.test.ts',
  'test/integration/realm-import.test.ts',
  'test/integration/start-profile.test.ts',
  'test/integration/employer-inbox-start.test.ts',
  'test/integration/several-instances.test.ts',
  'test/integration/projection-faults.test.ts',
  'test/integration/postgres-faults.test.ts',
  'test/integration/postgres-restart.test.ts',
  'test/integration/keycloak-restart.test.ts',
  'test/integration/outbox.test.ts',
  'test/integration/leaving.test.ts',
  'test/integration/chunked-reconcile.test.ts',
  'test/integration/mobile-number.test.ts',
  'test/integration/public-rate-limit.test.ts',
  'test/integration/backup-restore.test.ts',
];

const common = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  teardownTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Once for both groups (a project's own global setup would start a stack per group).
    globalSetup: ['test/harness/global-setup.ts'],
    reporters: ['default'],
    projects: [
      {
        test: {
          ...common,
          name: 'shared',
          include: [
            'sync-service/src/**/*.test.ts',
            'realm-config/src/**/*.test.ts',
            'integration-kit/src/**/*.test.ts',
            'examples/*/src/**/*.test.ts',
            'test/**/*.test.ts',
            'console/src/**/*.test.ts',
          ],
          // The cluster's tests start a cluster of their own (npm run test:cluster, vitest.cluster.config.ts).
          exclude: [...configDefaults.exclude, 'test/cluster/**', ...alone],
          maxWorkers: Number(process.env.PROCURA_TEST_WORKERS ?? 3),
          // Issue 20 item 7 (decision 0073): a worker evaluates the modules once for all its files,
          // not once per file (a third of the shared files' time was importing the same graph).
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...common, name: 'alone', include: alone, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
