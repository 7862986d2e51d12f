import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Decision 0064: the ground floor (domain/) and the HTTP toolkit (http/) import no capability,
// and no two files import each other, even for a type (import-x/no-cycle skips type imports).
const src = dirname(fileURLToPath(import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(src, path)] : [];
  });
}

/** Each file's imports of other files of src/, type-only ones and re-exports included, as paths below src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(src, file), 'utf8'), true, true);
    const local = importedFiles.filter(({ fileName }) => fileName.startsWith('.'));
    graph.set(
      file,
      local.map(({ fileName }) => relative(src, resolve(src, dirname(file), fileName)).replace(/\.js$/, '.ts')),
    );
  }
  return graph;
}

const graph = importGraph();

/** The imports of files below `folder` that lead outside what `allowed` names (tests may take capabilities as examples). */
function importsOutside(folder: string, allowed: readonly string[]): string[] {
  const fits = (target: string) => allowed.some((place) => (place.endsWith('/') ? target.startsWith(place) : target === place));
  return [...graph]
    .filter(([file]) => file.startsWith(folder) && !file.endsWith('.test.ts'))
    .flatMap(([file, targets]) => targets.filter((target) => !fits(target)).map((target) => `${file} → ${target}`));
}

/** The import circles between files that are not tests (Tarjan's strongly connected components). */
function circles(): string[][] {
  const edges = new Map([...graph].filter(([file]) => !file.endsWith('.test.ts')));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (stack.includes(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the layers of the sync-service', () => {
  it('the ground floor imports only itself and libraries, never a capability', () => {
    expect(graph.has('domain/roles.ts')).toBe(true);
    expect(importsOutside('domain/', ['domain/'])).toEqual([]);
  });

  it('http/ is a toolkit: it imports the ground floor, the database, errors (and their catalogue) and the logger, never a capability', () => {
    expect(graph.has('http/validate.ts')).toBe(true);
    expect(importsOutside('http/', ['http/', 'domain/', 'db/', 'errors.ts', 'error-codes/', 'logger.ts'])).toEqual([]);
  });

  it('the catalogue of error codes (decision 0067) is vocabulary too: it imports only errors.ts and the ground floor', () => {
    expect(graph.has('error-codes/catalogue.ts')).toBe(true);
    expect(importsOutside('error-codes/', ['error-codes/', 'errors.ts', 'domain/'])).toEqual([]);
  });

  it('no two files import each other, even through other files or for a type only', () => {
    expect(circles()).toEqual([]);
  });
});
