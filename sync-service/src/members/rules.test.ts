import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import {
  checkDeactivation,
  checkExpiry,
  checkManagersKept,
  checkNewMembership,
  checkNotOwnRole,
  checkReactivation,
  checkRepresentativeAuthority,
  checkRightScopes,
  normalizeEmail,
  type Acting,
  type MembershipState,
} from './rules.js';
import { checkHandOver } from './hand-over.js';

const today = '2026-03-10';
const lea: MembershipState = { id: 'lea', role: 'legal_representative', status: 'active', expiresOn: null };
const marc: MembershipState = { id: 'marc', role: 'deputy', status: 'active', expiresOn: null };
const jean: MembershipState = { id: 'jean', role: 'member', status: 'active', expiresOn: null };
const newMember = { organizationId: 'org', email: 'x@example.test', role: 'member' } as const;

describe('membership rules', () => {
  it('R1: the e-mail is trimmed and lower-cased; a malformed one names the field', () => {
    expect(normalizeEmail('  Lea.Favre@Horlogerie-Leman.EXAMPLE ')).toBe('lea.favre@horlogerie-leman.example');
    expect(refusalOf(normalizeEmail('lea.favre'))).toBe('422 person.email /email');
  });

  it('R1, R16: a new membership is invited by default; active when said; never twice in one organization', () => {
    expect(checkNewMembership(newMember, false, today)).toEqual({ role: 'member', status: 'invited', expiresOn: null });
    expect(checkNewMembership({ ...newMember, status: 'active' }, false, today)).toMatchObject({ status: 'active' });
    expect(refusalOf(checkNewMembership(newMember, true, today))).toBe('409 membership.exists /email');
    expect(refusalOf(checkNewMembership({ ...newMember, role: 'boss' as never }, false, today))).toBe('422 membership.role /role');
  });

  it('R14: the last manager is not demoted, deactivated, removed nor given an expiry date', () => {
    const managers = [lea, jean];
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, role: 'member' }, today, 'role'))).toBe('409 membership.last_manager /role');
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, status: 'deactivated' }, today, 'status'))).toBe('409 membership.last_manager /status');
    expect(refusalOf(checkManagersKept(managers, 'lea', null, today, 'membershipId'))).toBe('409 membership.last_manager /membershipId');
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, expiresOn: '2026-12-31' }, today, 'expiresOn'))).toBe(
      '409 membership.last_manager /expiresOn',
    );
  });

  it('R14: with a successor in place, the former manager steps down', () => {
    expect(checkManagersKept([lea, marc], 'lea', { ...lea, role: 'member' }, today, 'role')).toBeUndefined();
    expect(checkManagersKept([lea, marc], 'lea', null, today, 'membershipId')).toBeUndefined();
  });

  it('R14: a successor whose membership expires does not count as a hand-over', () => {
    const expiring = { ...marc, expiresOn: '2026-06-30' };
    expect(refusalOf(checkManagersKept([lea, expiring], 'lea', null, today, 'membershipId'))).toBe('409 membership.last_manager /membershipId');
  });

  it('R14: an organization without a manager is not blocked, and members change freely', () => {
    expect(checkManagersKept([jean], 'jean', null, today, 'membershipId')).toBeUndefined();
    expect(checkManagersKept([lea, jean], 'jean', { ...jean, role: 'observer' }, today, 'role')).toBeUndefined();
    expect(checkManagersKept([{ ...lea, status: 'invited' }], 'lea', null, today, 'membershipId')).toBeUndefined();
  });

  it('R18: deactivation of a deactivated member, or reactivation of an active one, is refused', () => {
    expect(checkDeactivation(jean)).toBeUndefined();
    expect(refusalOf(checkDeactivation({ ...jean, status: 'deactivated' }))).toBe('409 membership.deactivated /status');
    expect(checkReactivation({ ...jean, status: 'deactivated' })).toBeUndefined();
    expect(refusalOf(checkReactivation(jean))).toBe('409 membership.not_deactivated /status');
  });

  it('R19: an expiry date is today or later; renewing an expired membership reactivates it', () => {
    expect(checkExpiry(jean, '2026-12-31', today)).toEqual({ ...jean, expiresOn: '2026-12-31' });
    expect(refusalOf(checkExpiry(jean, '2026-03-09', today))).toBe('422 membership.expiry_past /expiresOn');
    expect(refusalOf(checkExpiry(jean, '31.12.2026', today))).toBe('422 input.date /expiresOn');
    expect(checkExpiry({ ...jean, status: 'expired', expiresOn: '2026-01-31' }, null, today)).toEqual({ ...jean, status: 'active', expiresOn: null });
  });

  it('R8: a right limited to a unit needs a unit of the organization; repeats are dropped', () => {
    const read = { serviceId: 'employer-inbox', rightId: 'read', unitId: 'unit-a' };
    expect(checkRightScopes([read, read], new Set(['unit-a']))).toEqual([read]);
    expect(refusalOf(checkRightScopes([read], new Set(['unit-b'])))).toBe('404 unit.not_found /rights');
  });

  describe('R13, issue 14 item 5: who may make whom a representative', () => {
    const sophie: MembershipState = { id: 'sophie', role: 'manager', status: 'active', expiresOn: null };
    const as = (m: MembershipState): Acting => ({ platform: false, membershipId: m.id, role: m.role });
    const platform: Acting = { platform: true, membershipId: null, role: null };

    it('a manager or a deputy neither grants, takes away nor acts on the representative roles', () => {
      for (const caller of [sophie, marc]) {
        expect(refusalOf(checkRepresentativeAuthority(as(caller), jean, { ...jean, role: 'legal_representative' }, 'role'))).toBe(
          '403 membership.representative_only /role',
        );
        expect(refusalOf(checkRepresentativeAuthority(as(caller), jean, { ...jean, role: 'deputy' }, 'role'))).toBe('403 membership.representative_only /role');
        expect(refusalOf(checkRepresentativeAuthority(as(caller), lea, { ...lea, role: 'member' }, 'role'))).toBe('403 membership.representative_only /role');
        expect(refusalOf(checkRepresentativeAuthority(as(caller), null, { ...jean, role: 'deputy' }, 'role'))).toBe('403 membership.representative_only /role');
        expect(refusalOf(checkRepresentativeAuthority(as(caller), lea, null, 'membershipId'))).toBe('403 membership.representative_only /membershipId');
        expect(refusalOf(checkRepresentativeAuthority(as(caller), lea, { ...lea, status: 'deactivated' }, 'status'))).toBe(
          '403 membership.representative_only /status',
        );
        expect(checkRepresentativeAuthority(as(caller), jean, { ...jean, role: 'manager' }, 'role')).toBeUndefined();
      }
    });

    it('a legal representative and the platform do; a deputy leaving on their own is no grant', () => {
      expect(checkRepresentativeAuthority(as(lea), jean, { ...jean, role: 'deputy' }, 'role')).toBeUndefined();
      expect(checkRepresentativeAuthority(as(lea), marc, null, 'membershipId')).toBeUndefined();
      expect(checkRepresentativeAuthority(platform, null, { ...jean, role: 'legal_representative' }, 'role')).toBeUndefined();
      expect(checkRepresentativeAuthority(as(marc), marc, null, 'membershipId')).toBeUndefined();
      expect(checkRepresentativeAuthority(as(marc), marc, { ...marc, status: 'deactivated' }, 'status')).toBeUndefined();
    });

    it('R14: nobody changes their own role, the legal representative neither; the platform does', () => {
      expect(refusalOf(checkNotOwnRole(as(sophie), sophie, { ...sophie, role: 'legal_representative' }))).toBe('403 membership.own_role /role');
      expect(refusalOf(checkNotOwnRole(as(lea), lea, { ...lea, role: 'member' }))).toBe('403 membership.own_role /role');
      expect(checkNotOwnRole(as(sophie), jean, { ...jean, role: 'manager' })).toBeUndefined();
      expect(checkNotOwnRole(as(sophie), sophie, { ...sophie, expiresOn: '2027-01-01' })).toBeUndefined();
      expect(checkNotOwnRole(platform, sophie, { ...sophie, role: 'member' })).toBeUndefined();
    });

    it("R14: the hand-over passes one's own role on, never taking a representative role away", () => {
      expect(checkHandOver(marc, jean, today)).toEqual({ ...jean, role: 'deputy' });
      expect(refusalOf(checkHandOver(marc, lea, today))).toBe('403 membership.representative_only /successorId');
      expect(refusalOf(checkHandOver(sophie, marc, today))).toBe('403 membership.representative_only /successorId');
      expect(checkHandOver(lea, marc, today)).toEqual({ ...marc, role: 'legal_representative' });
    });
  });
});
