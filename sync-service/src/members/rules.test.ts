import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkDeactivation, checkExpiry, checkManagersKept, checkNewMembership, checkReactivation, checkRightScopes, normalizeEmail, type MembershipState } from './rules.js';

const today = '2026-03-10';
const lea: MembershipState = { id: 'lea', role: 'legal_representative', status: 'active', expiresOn: null };
const marc: MembershipState = { id: 'marc', role: 'deputy', status: 'active', expiresOn: null };
const jean: MembershipState = { id: 'jean', role: 'member', status: 'active', expiresOn: null };
const newMember = { organizationId: 'org', email: 'x@example.test', role: 'member' } as const;

describe('membership rules', () => {
  it('R1: the e-mail is trimmed and lower-cased; a malformed one names the field', () => {
    expect(normalizeEmail('  Lea.Favre@Horlogerie-Leman.EXAMPLE ')).toBe('lea.favre@horlogerie-leman.example');
    expect(refusalOf(normalizeEmail('lea.favre'))).toBe('422 person.email email');
  });

  it('R1, R16: a new membership is invited by default; active when said; never twice in one organization', () => {
    expect(checkNewMembership(newMember, false, today)).toEqual({ role: 'member', status: 'invited', expiresOn: null });
    expect(checkNewMembership({ ...newMember, status: 'active' }, false, today)).toMatchObject({ status: 'active' });
    expect(refusalOf(checkNewMembership(newMember, true, today))).toBe('409 membership.exists email');
    expect(refusalOf(checkNewMembership({ ...newMember, role: 'boss' as never }, false, today))).toBe('422 membership.role role');
  });

  it('R14: the last manager is not demoted, deactivated, removed nor given an expiry date', () => {
    const managers = [lea, jean];
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, role: 'member' }, today, 'role'))).toBe('409 membership.last_manager role');
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, status: 'deactivated' }, today, 'status'))).toBe('409 membership.last_manager status');
    expect(refusalOf(checkManagersKept(managers, 'lea', null, today, 'membershipId'))).toBe('409 membership.last_manager membershipId');
    expect(refusalOf(checkManagersKept(managers, 'lea', { ...lea, expiresOn: '2026-12-31' }, today, 'expiresOn'))).toBe('409 membership.last_manager expiresOn');
  });

  it('R14: with a successor in place, the former manager steps down', () => {
    expect(checkManagersKept([lea, marc], 'lea', { ...lea, role: 'member' }, today, 'role')).toBeUndefined();
    expect(checkManagersKept([lea, marc], 'lea', null, today, 'membershipId')).toBeUndefined();
  });

  it('R14: a successor whose membership expires does not count as a hand-over', () => {
    const expiring = { ...marc, expiresOn: '2026-06-30' };
    expect(refusalOf(checkManagersKept([lea, expiring], 'lea', null, today, 'membershipId'))).toBe('409 membership.last_manager membershipId');
  });

  it('R14: an organization without a manager is not blocked, and members change freely', () => {
    expect(checkManagersKept([jean], 'jean', null, today, 'membershipId')).toBeUndefined();
    expect(checkManagersKept([lea, jean], 'jean', { ...jean, role: 'observer' }, today, 'role')).toBeUndefined();
    expect(checkManagersKept([{ ...lea, status: 'invited' }], 'lea', null, today, 'membershipId')).toBeUndefined();
  });

  it('R18: deactivation of a deactivated member, or reactivation of an active one, is refused', () => {
    expect(checkDeactivation(jean)).toBeUndefined();
    expect(refusalOf(checkDeactivation({ ...jean, status: 'deactivated' }))).toBe('409 membership.deactivated status');
    expect(checkReactivation({ ...jean, status: 'deactivated' })).toBeUndefined();
    expect(refusalOf(checkReactivation(jean))).toBe('409 membership.not_deactivated status');
  });

  it('R19: an expiry date is today or later; renewing an expired membership reactivates it', () => {
    expect(checkExpiry(jean, '2026-12-31', today)).toEqual({ ...jean, expiresOn: '2026-12-31' });
    expect(refusalOf(checkExpiry(jean, '2026-03-09', today))).toBe('422 membership.expiry_past expiresOn');
    expect(refusalOf(checkExpiry(jean, '31.12.2026', today))).toBe('422 input.date expiresOn');
    expect(checkExpiry({ ...jean, status: 'expired', expiresOn: '2026-01-31' }, null, today)).toEqual({ ...jean, status: 'active', expiresOn: null });
  });

  it('R8: a right limited to a unit needs a unit of the organization; repeats are dropped', () => {
    const read = { serviceId: 'employer-inbox', rightId: 'read', unitId: 'unit-a' };
    expect(checkRightScopes([read, read], new Set(['unit-a']))).toEqual([read]);
    expect(refusalOf(checkRightScopes([read], new Set(['unit-b'])))).toBe('404 unit.not_found rights');
  });
});
