import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkBranchRegistered, checkHeadOfficePeople, checkRepresentative } from './branch-rules.js';

describe('branch rules', () => {
  it('R11: a branch identifier the registry does not know is refused under its field, saying what to do', () => {
    const refusal = checkBranchRegistered('uid', 'CHE109322551', undefined);
    expect(refusalOf(refusal)).toBe('422 unit.identifier_not_registered /identifier');
    expect(String((refusal as { messages?: { fr: string } }).messages?.fr ?? refusal)).toMatch(/registre/);
  });

  it('R11: closed in the registry is refused; known and active passes; no identifier needs no registry', () => {
    expect(refusalOf(checkBranchRegistered('uid', 'CHE109322551', { status: 'closed' }))).toBe('422 unit.identifier_closed /identifier');
    expect(checkBranchRegistered('uid', 'CHE109322551', { status: 'active' })).toBeUndefined();
    expect(checkBranchRegistered(null, null, undefined)).toBeUndefined();
  });

  it('R9: the representative needs names, function and e-mail, each refused under its own field', () => {
    const ok = { givenName: ' Léa ', familyName: 'Roux', function: 'Gérante', email: 'Lea@Example.ch' };
    expect(checkRepresentative(ok)).toEqual({ givenName: 'Léa', familyName: 'Roux', function: 'Gérante', email: 'Lea@Example.ch' });
    expect(refusalOf(checkRepresentative({ ...ok, function: ' ' }))).toBe('422 input.required /representative/function');
    expect(refusalOf(checkRepresentative({ ...ok, givenName: '' }))).toBe('422 input.required /representative/givenName');
  });

  it("R9: the head office's people chosen must be its active members", () => {
    const active = [{ membershipId: 'm1' }, { membershipId: 'm2' }];
    expect(checkHeadOfficePeople(['m2', 'm2'], active)).toEqual(['m2']);
    expect(refusalOf(checkHeadOfficePeople(['m3'], active))).toBe('422 unit.head_office_person /headOfficePeople');
  });
});
