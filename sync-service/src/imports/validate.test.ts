import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';
import { checkImport, type ImportContext } from './validate.js';

const context: ImportContext = {
  catalogue: new Map([
    ['employer-inbox', new Set(['read', 'archive'])],
    ['salary-declaration', new Set(['read'])],
  ]),
  existing: new Map([['uid|CHE123456788', new Set(['employer-inbox'])]]),
};

const line = (n: number, value: Record<string, unknown>) => ({ line: n, value });

describe('import checks (pure)', () => {
  it('accepts a line for an existing organization, normalizing identifier and e-mail (R1, R6)', () => {
    const { accepted, rejected } = checkImport(
      [line(2, { organization: 'CHE-123.456.788', email: ' Lea@Example.TEST ', rights: ['employer-inbox:read'] })],
      context,
    );
    expect(rejected).toEqual([]);
    expect(accepted[0]).toMatchObject({ identifierKind: 'uid', identifier: 'CHE123456788', normalizedEmail: 'lea@example.test' });
  });

  it('names each rejected line, its field and why, in French and English', () => {
    const { rejected } = checkImport(
      [
        line(2, { organization: 'CHE-123.456.789', email: 'a@example.test' }),
        line(3, { organization: 'CHE-123.456.788', email: 'not-an-email' }),
        line(4, { organization: 'CHE-123.456.788', email: 'b@example.test', colour: 'blue' }),
        line(5, { organization: 'CHE-123.456.788', email: 'c@example.test', rights: ['salary-declaration:read'] }),
        line(6, { organization: 'CHE-123.456.788', email: 'd@example.test', rights: ['employer-inbox:sign'] }),
      ],
      context,
    );
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [2, 'organization'],
      [3, 'email'],
      [4, 'colour'],
      [5, 'rights'],
      [6, 'rights'],
    ]);
    expect(rejected[3]!.messages.en).toBe('The organization has not subscribed to salary-declaration.');
    for (const r of rejected) expect(`${r.messages.fr} ${r.messages.en}`).not.toMatch(/\bR\d{1,2}\b/);
    for (const r of rejected) expect(r.messages.fr.length).toBeGreaterThan(0);
  });

  it('a new organization needs its legal name; its services, given on any line, make its rights grantable', () => {
    const { rejected } = checkImport(
      [
        line(2, { organization: '73282931200014', email: 'a@example.test', rights: ['salary-declaration:read'] }),
        line(3, { organization: '73282931200014', email: 'b@example.test', organization_name: 'Boulangerie SAS', services: ['salary-declaration'] }),
      ],
      context,
    );
    expect(rejected).toEqual([]);
    const missing = checkImport([line(2, { organization: '73282931200014', email: 'a@example.test' })], context);
    expect(missing.rejected.map((r) => r.field)).toEqual(['organization_name']);
  });

  it('refuses the same person twice for one organization, and contradictory names', () => {
    const { rejected } = checkImport(
      [
        line(2, { organization: '73282931200014', organization_name: 'A', email: 'a@example.test' }),
        line(3, { organization: '73282931200014', organization_name: 'B', email: 'A@example.test' }),
      ],
      context,
    );
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'organization_name'],
      [3, 'email'],
    ]);
  });
});

describe('CSV reading', () => {
  it('reads quoted fields, doubled quotes, semicolons and line numbers', () => {
    const rows = readCsv('organization;email;organization_name\nCHE-123.456.788;a@x.test;"Léman; ""SA"""\n\n73282931200014;b@x.test;"two\nlines"\n');
    expect(rows).toEqual([
      { line: 2, values: { organization: 'CHE-123.456.788', email: 'a@x.test', organization_name: 'Léman; "SA"' } },
      { line: 4, values: { organization: '73282931200014', email: 'b@x.test', organization_name: 'two\nlines' } },
    ]);
  });
});
