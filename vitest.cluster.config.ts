import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster` (issue 18): the cluster's tests, each file starting a cluster of its own
 * (two Keycloak nodes, two sync-service instances, HAProxy; scripts/cluster-stack.ts). Heavy on 2
 * cores: not in `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
