import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkMemberInvitation } from '../invitations/rules.js';
import { checkLoginEmailChangeable } from '../me/rules.js';
import { checkSecretPair, detailsOwn, ownDetailsReason } from '../members/details-rules.js';
import { checkExpiry, checkRoleOffered, type MembershipState } from '../members/rules.js';
import { checkMailSecurityKey } from '../organizations/mail-security-key.js';
import { checkChanges, type OrganizationDetails } from '../organizations/rules.js';
import { decide } from '../policy/decide.js';
import { checkUnitsByManagers } from '../units/rules.js';
import { checkMandatesOffered } from '../mandates/request-rules.js';
import { loadProfile, withPortal, type Profile } from './profile.js';

/** Issue 17: the rules read their switches from the profile in force; each switch against the default profile. */
const standard = loadProfile({});
const under = <T>(change: Partial<Profile>, work: () => T): T => withPortal({ ...standard, ...change }, work);
const organization: OrganizationDetails = {
  identifierKind: 'uid',
  identifier: 'CHE123456788',
  legalName: 'Horlogerie Léman SA',
  type: 'prescriber',
  category: null,
  address: { town: 'Nyon' },
};
const alone = { otherOrganizations: 0, delegateOfMandates: 0, operator: false, self: false };

describe('issue 17: the switches of the profile (pure rules)', () => {
  it('R13: a member invites only where invitations.by is members, and then a plain member without rights', () => {
    const access = { standing: 'member', self: false } as const;
    expect(refusalOf(decide('invitation.create', access))).toBe('403 policy.forbidden');
    under({ invitations: { by: 'members' } }, () => {
      expect(decide('invitation.create', access)).toBeUndefined();
      expect(refusalOf(decide('invitation.create', { standing: 'observer', self: false }))).toBe('403 policy.forbidden');
      expect(refusalOf(decide('invitation.list', access))).toBe('403 policy.forbidden');
    });
    expect(checkMemberInvitation('member', { role: 'member', rights: [] })).toBeUndefined();
    expect(refusalOf(checkMemberInvitation('member', { role: 'deputy' }))).toBe('403 invitation.members_invite_members /role');
    expect(refusalOf(checkMemberInvitation('member', { role: 'member', rights: [{}] }))).toBe('403 invitation.members_invite_members /rights');
    expect(refusalOf(checkMemberInvitation('member', { role: 'member', mandates: [{}] }))).toBe('403 invitation.members_invite_members /mandates');
    expect(checkMemberInvitation('manager', { role: 'manager', rights: [{}] })).toBeUndefined();
  });

  it('R7: managers leave unchanged what organizations.immutable lists; the platform still changes it', () => {
    const immutable = { ...standard.organizations, immutable: [...standard.organizations.immutable, 'address', 'legalName'] as const };
    expect(checkChanges(organization, { address: { town: 'Gland' } })).toMatchObject({ address: { town: 'Gland' } });
    under({ organizations: immutable }, () => {
      expect(refusalOf(checkChanges(organization, { address: { town: 'Gland' } }))).toBe('422 organization.immutable_field /address');
      expect(refusalOf(checkChanges(organization, { legalName: 'Autre SA' }))).toBe('422 organization.immutable_field /legalName');
      expect(checkChanges(organization, { address: { town: 'Nyon' }, legalName: ' Horlogerie Léman SA ' })).toMatchObject({ address: { town: 'Nyon' } });
      expect(checkChanges(organization, { address: { town: 'Gland' } }, true)).toMatchObject({ address: { town: 'Gland' } });
    });
  });

  it('R9: the types of units.byOperatorFor have their units created by the platform only', () => {
    expect(checkUnitsByManagers('prescriber', false)).toBeUndefined();
    under({ units: { byOperatorFor: ['prescriber'] } }, () => {
      expect(refusalOf(checkUnitsByManagers('prescriber', false))).toBe('403 unit.operator_only /orgId');
      expect(checkUnitsByManagers('prescriber', true)).toBeUndefined();
      expect(checkUnitsByManagers('employer', false)).toBeUndefined();
    });
  });

  it('R4: a fixed login e-mail is changed by the support desk only; details kept from managers are read-only for them', () => {
    expect(checkLoginEmailChangeable(false)).toBeUndefined();
    under({ account: { loginEmail: 'fixed' } }, () => {
      expect(refusalOf(checkLoginEmailChangeable(false))).toBe('409 account.login_email_fixed /email');
      expect(checkLoginEmailChangeable(true)).toBeUndefined();
    });
    expect(ownDetailsReason(alone)).toBeUndefined();
    under({ members: { managersEditDetails: false } }, () => {
      expect(ownDetailsReason(alone)).toBe('portal');
      expect(ownDetailsReason({ ...alone, self: true })).toBe('self');
    });
    expect(refusalOf(detailsOwn('portal'))).toBe('403 person.details_not_editable /membershipId');
  });

  it('roles.offered, expiry dates, mandates, mail security keys and secret questions, each turned off', () => {
    const membership: MembershipState = { id: 'm', role: 'member', status: 'active', expiresOn: null };
    const today = '2026-12-07';
    expect(checkRoleOffered('manager', false)).toBeUndefined();
    expect(checkExpiry(membership, '2027-06-30', today)).toMatchObject({ expiresOn: '2027-06-30' });
    expect(checkMandatesOffered()).toBeUndefined();
    expect(checkMailSecurityKey('Clé-de-Genève')).toBe('Clé-de-Genève');
    expect(checkSecretPair('Question ?', 'Réponse', 'invitation')).toEqual({ question: 'Question ?', answer: 'Réponse' });
    under(
      {
        roles: { ...standard.roles, offered: ['legal_representative', 'deputy', 'member'] },
        expiryReminders: { enabled: false, dayOfMonth: 20 },
        mandates: { enabled: false },
        activation: { mailSecurityKey: false, secretQuestion: false },
      },
      () => {
        expect(refusalOf(checkRoleOffered('manager', false))).toBe('422 membership.role_not_offered /role');
        expect(checkRoleOffered('member', false)).toBeUndefined();
        // The platform (operator, imports, the seed) still gives it.
        expect(checkRoleOffered('manager', true)).toBeUndefined();
        expect(refusalOf(checkExpiry(membership, '2027-06-30', today))).toBe('422 membership.expiry_not_offered /expiresOn');
        expect(checkExpiry(membership, null, today)).toMatchObject({ expiresOn: null });
        expect(refusalOf(checkMandatesOffered())).toBe('403 mandate.not_offered');
        expect(refusalOf(checkMailSecurityKey('Clé-de-Genève'))).toBe('403 organization.mail_security_key_not_offered /key');
        expect(checkMailSecurityKey(null)).toBeNull();
        expect(refusalOf(checkSecretPair('Question ?', 'Réponse', 'invitation'))).toBe('422 invitation.secret_question_not_offered /secretQuestion');
        expect(checkSecretPair(undefined, undefined, 'person')).toBeUndefined();
      },
    );
  });
});
