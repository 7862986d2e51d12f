import { defineConfig } from 'vitest/config';

/**
 * `npm run screenshots`: the same real stack as `npm test` (global setup), one file that walks every
 * screen of the console in Chromium and writes `docs/screenshots/*.png`. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/screenshots/take-screenshots.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
