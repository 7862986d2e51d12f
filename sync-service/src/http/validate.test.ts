import { describe, expect, it } from 'vitest';
import { emailChangeRequestSchema } from '../me/schemas.js';
import { memberListQuerySchema, memberRightsSchema } from '../members/schemas.js';
import { organizationChangesSchema } from '../organizations/schemas.js';
import { detailedInputBytes, infiniteAt, InputRefused, maxProblems, nulAt, validated } from './validate.js';

function refusal(action: () => unknown): InputRefused {
  try {
    action();
  } catch (error) {
    if (error instanceof InputRefused) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('input validation against the schemas (ajv, allErrors)', () => {
  it('a field nobody may set is refused with its JSON pointer, every problem listed, French first', () => {
    const error = refusal(() => validated(organizationChangesSchema, 'body', { status: 'closed', legalName: '' }));
    expect(error.status).toBe(422);
    expect(error.code).toBe('input.invalid');
    expect(error.problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual(['/legalName schema.minLength', '/status schema.additionalProperties']);
    expect(error.field).toBe(error.problems[0]!.field);
    expect(error.messages.fr).toMatch(/^Saisie refusée/);
  });

  it('an empty text is told as empty, a short one with the count it needs, in plain words', () => {
    const empty = refusal(() => validated(organizationChangesSchema, 'body', { legalName: '' })).problems[0]!;
    expect(empty.messages).toEqual({ fr: 'ce champ ne peut pas être vide.', en: 'this field cannot be empty.' });
    const short = refusal(() => validated(emailChangeRequestSchema, 'body', { email: 'a@' })).problems[0]!;
    expect(short.messages).toEqual({ fr: 'au moins 3 caractères.', en: 'at least 3 characters.' });
  });

  it('nested problems point into the array', () => {
    const error = refusal(() =>
      validated(memberRightsSchema, 'body', { rights: [{ serviceId: 'employer-inbox' }, { serviceId: 'x', rightId: 'y', role: 'manager' }] }),
    );
    expect(error.problems.map((p) => p.field).sort()).toEqual(['/rights/0/rightId', '/rights/1/role']);
  });

  it('a query string is coerced: numbers, and one value where a list is expected; defaults filled in', () => {
    expect(validated(memberListQuerySchema, 'query', { role: 'manager', page: '2' })).toEqual({ role: ['manager'], page: 2, pageSize: 50, sort: 'name' });
    expect(refusal(() => validated(memberListQuerySchema, 'query', { pageSize: '1000' })).field).toBe('/pageSize');
  });

  it('issue 14 item 3: at most 20 problems, and only the first for an input too large to list them', () => {
    const unknown = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const small = refusal(() => validated(organizationChangesSchema, 'body', unknown, 1_000));
    expect(small.problems.length).toBe(maxProblems);
    const large = refusal(() => validated(organizationChangesSchema, 'body', unknown, detailedInputBytes + 1));
    expect(large.problems.length).toBe(1);
    expect(large.problems[0]).toMatchObject({ field: '/k0', code: 'schema.additionalProperties' });
  });
});

describe('issue 15 item 4: a NUL character, which PostgreSQL cannot store, is refused wherever it is', () => {
  it('names the first string or key holding one, as a JSON Pointer', () => {
    expect(nulAt({ legalName: 'Atelier', address: { street: 'Rue\u0000 du Lac' } }, '')).toBe('/address/street');
    expect(nulAt({ rights: [{ serviceId: 'ok' }, { serviceId: 'a\u0000' }] }, '')).toBe('/rights/1/serviceId');
    expect(nulAt({ ['na\u0000me']: 'x' }, '')).toBe('/na\u0000me');
    expect(nulAt('\u0000', '')).toBe('');
    expect(nulAt({ legalName: 'Atelier', n: 3, flag: null }, '')).toBeUndefined();
  });
});

describe('issue 15 item 4: a number that is not finite (1e309 reads as Infinity) is refused', () => {
  it('in a query coerced by its schema, and wherever it is in a body', () => {
    expect(() => validated(memberListQuerySchema, 'query', { page: '1e309' })).toThrow(InputRefused);
    expect(infiniteAt(JSON.parse('{"a":[1,{"b":1e309}]}'), '')).toBe('/a/1/b');
    expect(infiniteAt({ a: 1, b: 'Infinity' }, '')).toBeUndefined();
  });
});
