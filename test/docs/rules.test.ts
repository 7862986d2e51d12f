import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/rules.md is the map from each rule R1–R35 to the code that enforces it and the tests that
 * prove it. This test keeps the map true: a rule without a function or a test, a function renamed
 * or moved, a test file that no longer names the rule, each fails the suite.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const ruleCount = 35;

interface RuleEntry {
  readonly tag: string;
  readonly functions: ReadonlyArray<{ readonly path: string; readonly name: string }>;
  readonly tests: readonly string[];
  readonly settings: readonly string[];
}

const escaped = (text: string): string => text.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&');

/** Each `### R<n>` heading and its text up to the next heading. */
function ruleEntries(markdown: string): RuleEntry[] {
  const sections = markdown.split(/^#{2,3} /m).filter((section) => /^R\d+\s*\n/.test(section));
  return sections.map((section) => {
    const tag = /^(R\d+)/.exec(section)![1]!;
    const enforced = /^- \*\*Enforced by:\*\*(.*)$/m.exec(section)?.[1] ?? '';
    const functions = [...enforced.matchAll(/`([^`\s#]+)#([A-Za-z_$][\w$]*)`/g)].map((match) => ({ path: match[1]!, name: match[2]! }));
    const testsBlock = section.split(/^- \*\*Tests:\*\*/m)[1] ?? '';
    const tests = [...testsBlock.matchAll(/`([^`\s]+(?:\.test\.ts|Test\.java))`/g)].map((match) => match[1]!);
    const profile = /^- \*\*Profile settings:\*\*(.*)$/m.exec(section)?.[1] ?? '';
    const settings = [...profile.matchAll(/`([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)`/g)].map((match) => match[1]!);
    return { tag, functions, tests, settings };
  });
}

/** Whether `name` is declared in the source: a function, method, class, interface, type or constant. */
function declares(path: string, source: string, name: string): boolean {
  const n = escaped(name);
  const patterns = path.endsWith('.java')
    ? [
        new RegExp(`\\b(?:class|interface|record|enum)\\s+${n}\\b`),
        new RegExp(`^\\s*(?:(?:public|private|protected|static|final|abstract|synchronized|default)\\s+)*[\\w<>\\[\\],.? ]+\\s+${n}\\s*\\(`, 'm'),
      ]
    : [
        new RegExp(`\\bfunction\\*?\\s+${n}\\b`),
        new RegExp(`\\b(?:const|let|var|class|interface|type|enum)\\s+${n}\\b`),
        new RegExp(`^\\s*(?:(?:public|private|protected|static|async|readonly|override|get|set)\\s+)*${n}\\s*(?:<[^>]*>)?\\(`, 'm'),
      ];
  return patterns.some((pattern) => pattern.test(source));
}

const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}

/** Whether a dotted setting (`organizations.immutable`) is a property of the profile's JSON Schema. */
function isSetting(schema: SchemaNode, setting: string): boolean {
  let node: SchemaNode | undefined = schema;
  for (const key of setting.split('.')) node = node?.properties?.[key];
  return node !== undefined;
}
const entries = ruleEntries(read('docs/rules.md'));

describe('docs/rules.md: every rule traced to its code and its tests', () => {
  it('lists the rules R1 to R35, each once, in order', () => {
    expect(entries.map((entry) => entry.tag)).toEqual(Array.from({ length: ruleCount }, (_, i) => `R${i + 1}`));
  });

  it.each(entries.map((entry) => [entry.tag, entry] as const))('%s: at least one function that enforces it and one test that proves it', (tag, entry) => {
    expect(entry.functions.length, `${tag} names no function (\`path#name\` under « Enforced by »)`).toBeGreaterThan(0);
    expect(entry.tests.length, `${tag} names no test file (under « Tests »)`).toBeGreaterThan(0);
  });

  it.each(entries.map((entry) => [entry.tag, entry] as const))('%s: each function named is declared in its file', (_tag, entry) => {
    const missing = entry.functions.filter(({ path, name }) => !existsSync(`${root}${path}`) || !declares(path, read(path), name));
    expect(
      missing.map(({ path, name }) => `${path}#${name}`),
      'functions not declared where named',
    ).toEqual([]);
  });

  it.each(entries.map((entry) => [entry.tag, entry] as const))('%s: each test file named exists and names the rule', (tag, entry) => {
    const word = new RegExp(`\\b${tag}\\b`);
    const missing = entry.tests.filter((path) => !existsSync(`${root}${path}`) || !word.test(read(path)));
    expect(missing, `test files missing or not naming ${tag}`).toEqual([]);
  });

  it('every profile setting named is one of the profile schema', () => {
    const schema = JSON.parse(read('sync-service/profiles/profile.schema.json')) as SchemaNode;
    const unknown = entries.flatMap((entry) => entry.settings.filter((setting) => !isSetting(schema, setting)).map((setting) => `${entry.tag}: ${setting}`));
    expect(entries.some((entry) => entry.settings.length > 0)).toBe(true);
    expect(unknown).toEqual([]);
  });
});
