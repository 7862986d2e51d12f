import { defineConfig } from 'vitest/config';

/**
 * `npm run bench:members`: the same real stack as `npm test` (global setup), one file that measures
 * the members list of a 10,000-member organization through the API and in Chromium, and prints a
 * table. A benchmark: nothing in it asserts a duration. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/bench/members-list.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
