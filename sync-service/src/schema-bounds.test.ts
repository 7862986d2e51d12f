import { describe, expect, it } from 'vitest';
import { maxDocumentBytes } from './documents/rules.js';
import { importLineSchema } from './imports/schema.js';
import { documentSchema } from './mandates/schemas.js';
import { apiRoutes } from './api.js';

/** Formats whose values have a bounded length by construction. */
const boundedFormats = new Set(['uuid', 'date', 'date-time', 'time']);

/**
 * Issue 14 item 3: where a schema lets input grow without bound (an object open to any key, a
 * list, a string) it says how far: `maxProperties`, `maxItems`, `maxLength`. Gives the JSON
 * pointers of the parts that do not.
 */
export function unbounded(schema: unknown, at = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((s, i) => unbounded(s, `${at}/${i}`));
  const s = schema as Record<string, unknown>;
  const found: string[] = [];
  const types = ([] as unknown[]).concat(s.type ?? []);
  const closed = s.additionalProperties === false && typeof s.properties === 'object';
  if (types.includes('object') && !closed && s.maxProperties === undefined) found.push(`${at} (object without maxProperties)`);
  if (types.includes('array') && s.maxItems === undefined) found.push(`${at} (array without maxItems)`);
  if (types.includes('string') && s.maxLength === undefined && s.enum === undefined && s.const === undefined && !boundedFormats.has(String(s.format)))
    found.push(`${at} (string without maxLength)`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' || key === 'patternProperties' || key === '$defs') {
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) found.push(...unbounded(sub, `${at}/${key}/${name}`));
    } else if (typeof value === 'object') found.push(...unbounded(value, `${at}/${key}`));
  }
  return found;
}

describe('every input schema is bounded (issue 14 item 3)', () => {
  it("each route's body and query: objects closed or with maxProperties, lists with maxItems, strings with maxLength", () => {
    const found = apiRoutes.flatMap((r) => [
      ...(r.body ? unbounded(r.body).map((p) => `${r.operationId} body${p}`) : []),
      ...(r.query ? unbounded(r.query).map((p) => `${r.operationId} query${p}`) : []),
    ]);
    expect(found).toEqual([]);
  });

  it('the registry import file', () => {
    expect(unbounded(importLineSchema)).toEqual([]);
  });

  it("a document's base64 may be as long as the largest document allowed, no longer", () => {
    expect(documentSchema.properties.content.maxLength).toBe(4 * Math.ceil(maxDocumentBytes / 3));
  });

  it('the walker finds what it must', () => {
    expect(unbounded({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string', format: 'uuid' } } } })).toEqual([
      ' (object without maxProperties)',
      '/properties/a (string without maxLength)',
      '/properties/b (array without maxItems)',
    ]);
    expect(unbounded({ type: 'object', additionalProperties: false, properties: { a: { type: 'string', maxLength: 5 }, b: { enum: ['x'] } } })).toEqual([]);
  });
});
