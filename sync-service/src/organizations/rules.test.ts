import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import {
  checkChanges,
  checkIdentifierFree,
  checkOrganizationOpen,
  checkOffered,
  checkRegistration,
  checkRekey,
  checkStatus,
  checkTypeMix,
  type OrganizationDetails,
} from './rules.js';

const registration = { identifierKind: 'uid', identifier: ' che-123.456.788 ', legalName: ' Horlogerie Léman SA ', type: 'employer' } as const;
const current: OrganizationDetails = {
  identifierKind: 'uid',
  identifier: 'CHE123456788',
  legalName: 'Horlogerie Léman SA',
  type: 'employer',
  category: null,
  address: {},
};

describe('organization rules', () => {
  it('R6: registration normalizes the identifier and trims the legal name', () => {
    expect(checkRegistration(registration)).toEqual({ ...current, category: null, address: {} });
  });

  it('R6: a wrong check digit is refused on the identifier field', () => {
    expect(refusalOf(checkRegistration({ ...registration, identifier: 'CHE-123.456.789' }))).toBe('422 identifier.check_digit /identifier');
  });

  it('R6: an identifier already held is refused with 409 organization.identifier_taken', () => {
    expect(checkIdentifierFree('uid', undefined)).toBeUndefined();
    expect(refusalOf(checkIdentifierFree('uid', { id: 'x', identifierKind: 'uid' }))).toBe('409 organization.identifier_taken /identifier');
    // An affiliate number equal to a SIREN's nine digits would key two organizations alike in tokens.
    const acrossKinds = checkIdentifierFree('affiliate', { id: 'x', identifierKind: 'siren' });
    expect(refusalOf(acrossKinds)).toBe('409 organization.identifier_taken /identifier');
    expect(acrossKinds?.messages.en).toContain('another kind of identifier');
  });

  it('R6: an empty legal name or an unknown type names its field', () => {
    expect(refusalOf(checkRegistration({ ...registration, legalName: '  ' }))).toBe('422 organization.legal_name /legalName');
    expect(refusalOf(checkRegistration({ ...registration, type: 'bank' as never }))).toBe('422 organization.type /type');
  });

  it('R7: legal name and address are editable; the type by the platform only', () => {
    expect(checkChanges(current, { legalName: 'Horlogerie du Léman SA', type: 'other', address: { town: 'Genève' } }, true)).toEqual({
      ...current,
      legalName: 'Horlogerie du Léman SA',
      type: 'other',
      address: { town: 'Genève' },
    });
    expect(checkChanges(current, { legalName: 'Horlogerie du Léman SA', type: current.type })).toMatchObject({ legalName: 'Horlogerie du Léman SA' });
  });

  it('issue 14 item 5, R24: a manager never changes the type (to fiduciary, which opens mandate requests)', () => {
    expect(refusalOf(checkChanges(current, { type: 'fiduciary' }))).toBe('403 organization.type_operator_only /type');
    expect(refusalOf(checkChanges(current, { legalName: 'Autre SA', type: 'fiduciary' }, false))).toBe('403 organization.type_operator_only /type');
  });

  it('issue 14 item 9, R11: only an active organization takes writes; closed and suspended each say so', () => {
    expect(checkOrganizationOpen('active')).toBeUndefined();
    expect(refusalOf(checkOrganizationOpen('closed'))).toBe('409 organization.closed /orgId');
    expect(refusalOf(checkOrganizationOpen('suspended'))).toBe('409 organization.suspended /orgId');
  });

  it('R7: the identifier and its kind are immutable; repeating them unchanged (any spelling) is fine', () => {
    expect(refusalOf(checkChanges(current, { identifier: 'CHE-234.567.895' }))).toBe('422 organization.immutable_field /identifier');
    expect(refusalOf(checkChanges(current, { identifierKind: 'siret' }))).toBe('422 organization.immutable_field /identifierKind');
    expect(checkChanges(current, { identifier: 'che 123 456 788', identifierKind: 'uid' })).toEqual(current);
  });

  it('R7: the category is set once, then immutable', () => {
    const set = checkChanges(current, { category: 'PME' });
    expect(set).toMatchObject({ category: 'PME' });
    expect(refusalOf(checkChanges(set as OrganizationDetails, { category: 'Grande entreprise' }))).toBe('422 organization.immutable_field /category');
  });

  it('R11: the status is active, suspended or closed', () => {
    expect(checkStatus('suspended')).toBe('suspended');
    expect(refusalOf(checkStatus('deleted'))).toBe('422 organization.status /status');
  });

  it('R11: a re-key takes a valid, different identifier that no other organization bears (R6)', () => {
    const current = { identifier: 'CHE123456788' };
    expect(checkRekey(current, 'uid', 'CHE-109.322.551', undefined)).toEqual({ identifierKind: 'uid', identifier: 'CHE109322551' });
    expect(refusalOf(checkRekey(current, 'uid', 'CHE-109.322.552', undefined))).toBe('422 identifier.check_digit /successor');
    expect(refusalOf(checkRekey(current, 'uid', 'CHE-123.456.788', undefined))).toBe('422 organization.same_identifier /successor');
    expect(refusalOf(checkRekey(current, 'uid', 'CHE-109.322.551', { id: 'other', identifierKind: 'uid' }))).toBe(
      '409 organization.identifier_taken /successor',
    );
  });

  it("R12: employer and prescriber do not mix in one account (the portal's rule); other types do", () => {
    const policy = { mustNotMix: [['employer', 'prescriber']] as const };
    expect(refusalOf(checkTypeMix('prescriber', ['fiduciary', 'employer'], policy.mustNotMix, 'email'))).toBe('409 membership.type_mix /email');
    expect(checkTypeMix('employer', ['prescriber'], policy.mustNotMix, 'email')?.messages.fr).toContain(
      '« prescripteur » et « employeur » ne se mélangent pas',
    );
    expect(checkTypeMix('employer', ['fiduciary', 'employer'], policy.mustNotMix, 'email')).toBeUndefined();
    expect(refusalOf(checkTypeMix('prescriber', ['employer'], policy.mustNotMix, 'type'))).toBe('409 organization.type_mix /type');
  });
});

describe("what the portal's profile offers (issue 17)", () => {
  const swiss = { identifierKinds: ['affiliate', 'uid'], types: ['employer', 'fiduciary'] } as const;

  it('a Swiss portal refuses a SIRET, naming the kinds it accepts, and a type it does not take', () => {
    const siret = checkOffered('siret', 'employer', swiss);
    expect(refusalOf(siret)).toBe('422 organization.identifier_kind_not_offered /identifierKind');
    expect(siret?.messages.fr).toContain("il accepte : numéro d'affilié, IDE");
    expect(refusalOf(checkOffered('uid', 'prescriber', swiss))).toBe('422 organization.type_not_offered /type');
    expect(checkOffered('uid', 'fiduciary', swiss)).toBeUndefined();
  });

  it('registration under the profile refuses what it does not offer, and changes nothing else', () => {
    expect(refusalOf(checkRegistration({ ...registration, identifierKind: 'uid' }, { identifierKinds: ['siret'], types: ['employer'] }))).toBe(
      '422 organization.identifier_kind_not_offered /identifierKind',
    );
    expect(checkRegistration(registration, swiss)).toEqual({ ...current, category: null, address: {} });
  });
});
