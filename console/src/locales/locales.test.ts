import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templates } from './en.js';

/** Every `msg(…, { id: '…' })` of the console's sources, with its French text. */
function sourceMessages(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !path.includes('locales')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/msg\(\s*(?:str)?([`'"])(.*?)\1,\s*\{\s*id: '([^']+)',?\s*\},?\s*\)/gs)) found.set(m[3]!, m[2]!);
      }
    }
  };
  walk(join(import.meta.dirname, '..'));
  return found;
}

describe('the English translation', () => {
  const source = sourceMessages();

  it('has every message of the French source, and nothing else', () => {
    expect(source.size).toBeGreaterThan(50);
    expect(Object.keys(templates).sort()).toEqual([...source.keys()].sort());
  });

  it("keeps each message's placeholders", () => {
    for (const [id, french] of source) {
      const placeholders = (french.match(/\$\{/g) ?? []).length;
      const english = templates[id as keyof typeof templates];
      const count = typeof english === 'string' ? 0 : english.values.length;
      expect([id, count]).toEqual([id, placeholders]);
    }
  });
});
