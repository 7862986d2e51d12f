import { defineConfig } from 'vitest/config';

/**
 * `npm run test:profiles`: each shipped profile started with `npm start -- --profile NAME` (a stack
 * of its own each, one after the other) and a demo person signed in in Chromium. No global setup:
 * the starts are the stacks. Not part of `npm test` (its files end in `.test.ts`; this one does not).
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/profiles/each-profile.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
