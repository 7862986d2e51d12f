import { describe, expect, it } from 'vitest';
import { checkRegistryLines, organizationAction, type RegistryEntry } from './rules.js';

const lines = (...values: unknown[]) => values.map((value, i) => ({ line: i + 2, value }));
const entry = (overrides: Partial<RegistryEntry> = {}): RegistryEntry => ({
  identifier: 'CHE123456788',
  identifierKind: 'uid',
  name: 'Léman SA',
  status: 'active',
  successor: null,
  ...overrides,
});

describe('registry lines (R6, R11)', () => {
  it('normalizes identifiers and successors, reads statuses in English or French', () => {
    const { entries, rejected } = checkRegistryLines(
      lines(
        { identifier: 'CHE-123.456.788', name: ' Léman SA ', status: 'active' },
        { identifier: '732 829 312', kind: 'siren', name: 'Boulangerie SAS', status: 'radié', successor: 'CHE-109.322.551' },
      ),
    );
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      { line: 2, identifier: 'CHE123456788', identifierKind: 'uid', name: 'Léman SA', status: 'active', successor: null },
      {
        line: 3,
        identifier: '732829312',
        identifierKind: 'siren',
        name: 'Boulangerie SAS',
        status: 'closed',
        successor: { identifier: 'CHE109322551', kind: 'uid' },
      },
    ]);
  });

  it('names each refused line and field: check digit, status, unknown column, a repeated identifier, a successor equal to itself', () => {
    const { rejected } = checkRegistryLines(
      lines(
        { identifier: 'CHE-123.456.789', name: 'Faux SA', status: 'active' },
        { identifier: 'CHE-123.456.788', name: 'Léman SA', status: 'dormant' },
        { identifier: 'CHE-123.456.788', name: 'Léman SA', status: 'active', website: 'x' },
        { identifier: 'CHE-123.456.788', name: 'Léman SA', status: 'active' },
        { identifier: 'CHE-123.456.788', name: 'Léman SA', status: 'closed' },
        { identifier: 'CHE-109.322.551', name: 'Soi SA', status: 'closed', successor: 'CHE109322551' },
      ),
    );
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [2, 'identifier'],
      [3, 'status'],
      [4, 'website'],
      [6, 'identifier'],
      [7, 'successor'],
    ]);
    expect(rejected[3]!.messages.en).toBe('Identifier already on line 5.');
  });

  it('R11: a successor re-keys, a closure closes, an active entry never reopens (it is reported)', () => {
    expect(organizationAction(entry(), undefined)).toEqual({ type: 'none' });
    expect(organizationAction(entry({ status: 'closed', successor: { identifier: 'CHE109322551', kind: 'uid' } }), { status: 'active' })).toEqual({
      type: 'rekey',
      identifier: 'CHE109322551',
      kind: 'uid',
    });
    expect(organizationAction(entry({ status: 'closed' }), { status: 'active' })).toEqual({ type: 'close' });
    expect(organizationAction(entry({ status: 'closed' }), { status: 'closed' })).toEqual({ type: 'none' });
    expect(organizationAction(entry(), { status: 'closed' })).toEqual({ type: 'none', note: 'closed_here_active_in_registry' });
  });
});
