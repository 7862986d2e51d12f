import { defineConfig } from 'vitest/config';

/**
 * The pure unit tests only (the domain rules, the projection's plan, the console's components):
 * no global setup, so no Keycloak, PostgreSQL nor SMTP sink is started. `npm run test:unit` while
 * working on a rule; `npm test` runs them again with everything else.
 */
export default defineConfig({
  test: {
    include: [
      'sync-service/src/**/*.test.ts',
      'realm-config/src/**/*.test.ts',
      'integration-kit/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'console/src/**/*.test.ts',
      'test/docs/**/*.test.ts',
      'test/generated/**/*.test.ts',
    ],
    reporters: ['default'],
  },
});
