import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/paths.js';

/**
 * Code and tests name the rule they implement (`R14`); the texts people read never show one: the
 * refusals and warnings of the API (their `fr` and `en` messages), the console's texts (`msg(…)`),
 * the login and e-mail themes. The API description's summaries and descriptions are checked apart
 * (route-table.test.ts): the rules an operation implements are in its `x-procura-rules`.
 */

function sources(dir: string, ending: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path, ending);
    return ending.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const ruleNumber = /\bR\d{1,2}\b/;

/** The `fr:` / `en:` texts and `msg(…)` texts of a TypeScript file, outside the API's summaries and descriptions. */
function peopleTexts(text: string): string[] {
  const found: string[] = [];
  let inSummary = false;
  for (const line of text.split('\n')) {
    if (/\bsummary: \{/.test(line) && !/\}/.test(line.slice(line.indexOf('summary: {')))) {
      inSummary = true;
      continue;
    }
    if (inSummary) {
      if (/^\s*\},?/.test(line)) inSummary = false;
      continue;
    }
    if (/\b(summary|description):/.test(line)) continue;
    for (const match of line.matchAll(/\b(?:fr|en): (['"`])((?:\\.|(?!\1).)*)\1/g)) found.push(match[2]!);
    for (const match of line.matchAll(/\bmsg\((?:str)?(['"`])((?:\\.|(?!\1).)*)\1/g)) found.push(match[2]!);
  }
  return found;
}

describe('the texts people read', () => {
  it('show no rule number: API messages, the console, the themes', () => {
    const offenders: string[] = [];
    for (const dir of ['sync-service/src', 'console/src', 'integration-kit/src', 'examples']) {
      for (const file of sources(join(repoRoot, dir), /\.ts$/)) {
        for (const text of peopleTexts(readFileSync(file, 'utf8')))
          if (ruleNumber.test(text)) offenders.push(`${relative(repoRoot, file)}: ${text.slice(0, 80)}`);
      }
    }
    for (const file of sources(join(repoRoot, 'themes'), /\.properties$/)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.startsWith('#') && ruleNumber.test(line.slice(line.indexOf('=') + 1))) offenders.push(`${relative(repoRoot, file)}: ${line.slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
