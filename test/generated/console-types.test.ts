import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleTypes, consoleTypesFile } from '../../scripts/console-types.js';

/**
 * Issue 20 item 4: the console's API types are the server's. The committed
 * console/src/api/openapi.gen.ts must be what the generator makes from today's route table, so a
 * schema changed without regenerating fails here rather than drifting in the console.
 */
describe("the console's generated API types", () => {
  it('equal what the OpenAPI document of the route table generates', async () => {
    const committed = readFileSync(consoleTypesFile, 'utf8');
    const current = await consoleTypes();
    if (committed !== current) {
      const committedLines = committed.split('\n');
      const currentLines = current.split('\n');
      const line = committedLines.findIndex((text, i) => text !== currentLines[i]) + 1 || committedLines.length + 1;
      expect.fail(`console/src/api/openapi.gen.ts is not current (first difference on line ${line}): run npm run types:console`);
    }
  }, 60_000);
});
