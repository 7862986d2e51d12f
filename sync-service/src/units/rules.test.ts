import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkNewUnit, checkUnitName, type AddUnit } from './rules.js';

const branch: AddUnit = { organizationId: 'org-a', kind: 'branch', name: ' Succursale Lausanne ' };

describe('unit rules', () => {
  it('R8: a branch directly under the organization', () => {
    expect(checkNewUnit(branch, undefined)).toEqual({
      kind: 'branch',
      name: 'Succursale Lausanne',
      parentUnitId: null,
      identifierKind: null,
      identifier: null,
    });
  });

  it('R8: nested under a unit of the same organization; a unit of another organization reads as not found', () => {
    expect(checkNewUnit({ ...branch, parentUnitId: 'unit-1' }, { organizationId: 'org-a' })).toMatchObject({ parentUnitId: 'unit-1' });
    expect(refusalOf(checkNewUnit({ ...branch, parentUnitId: 'unit-1' }, { organizationId: 'org-b' }))).toBe('404 unit.not_found /parentUnitId');
    expect(refusalOf(checkNewUnit({ ...branch, parentUnitId: 'unit-1' }, undefined))).toBe('404 unit.not_found /parentUnitId');
  });

  it('R9, R6: a branch has its own identifier, checked and normalized', () => {
    expect(checkNewUnit({ ...branch, identifierKind: 'affiliate', identifier: '100.234' }, undefined)).toMatchObject({
      identifierKind: 'affiliate',
      identifier: '100234',
    });
    expect(refusalOf(checkNewUnit({ ...branch, identifierKind: 'uid', identifier: 'CHE-123.456.789' }, undefined))).toBe(
      '422 identifier.check_digit /identifier',
    );
  });

  it("R8: an antenna shares its parent's SIRET and has no identifier of its own", () => {
    expect(refusalOf(checkNewUnit({ ...branch, kind: 'antenna', identifierKind: 'siret', identifier: '73282931200014' }, undefined))).toBe(
      '422 unit.antenna_identifier /identifier',
    );
  });

  it('R8: a name shaped like a projection group (`word:`) or empty is refused', () => {
    expect(refusalOf(checkUnitName('employer-inbox:read'))).toBe('422 unit.name_reserved /name');
    expect(refusalOf(checkUnitName('   '))).toBe('422 unit.name_required /name');
    expect(checkUnitName('Site : Lyon')).toBe('Site : Lyon');
  });

  it('R8: the kind is branch, antenna or establishment', () => {
    expect(refusalOf(checkNewUnit({ ...branch, kind: 'office' as never }, undefined))).toBe('422 unit.kind /kind');
  });
});
