import { describe, expect, it } from 'vitest';
import { accountVerdict, membershipVerdict } from './session-check.js';

const opened = new Date('2026-12-05T10:00:00Z');
const session = { keycloakSid: 'sid-1', createdAt: opened };
const standing = { enabled: true, sessionIds: ['sid-1', 'sid-2'], passwordSetAt: new Date('2026-11-01T08:00:00Z'), realmRoles: ['default-roles-procura'] };

describe('issue 14 item 4: a console session follows its account', () => {
  it('an account in good standing keeps its session', () => {
    expect(accountVerdict(session, false, standing)).toBeUndefined();
    expect(accountVerdict(session, true, { ...standing, realmRoles: ['procura-operator'] })).toBeUndefined();
  });

  it('a gone or disabled account, an ended Keycloak session, a password set again, a withdrawn operator role each end it', () => {
    expect(accountVerdict(session, false, undefined)).toBe('account_gone');
    expect(accountVerdict(session, false, { ...standing, enabled: false })).toBe('account_disabled');
    expect(accountVerdict(session, false, { ...standing, sessionIds: ['sid-2'] })).toBe('keycloak_session_ended');
    expect(accountVerdict(session, false, { ...standing, passwordSetAt: new Date(opened.getTime() + 1000) })).toBe('password_changed');
    expect(accountVerdict(session, true, standing)).toBe('operator_role_withdrawn');
  });

  it('the password set during the login that opened the session does not end it', () => {
    expect(accountVerdict(session, false, { ...standing, passwordSetAt: new Date(opened.getTime() - 1000) })).toBeUndefined();
  });

  it('the end of the last membership ends the sessions opened with one; a person who never had one keeps theirs', () => {
    expect(membershipVerdict({ hadMembership: true, hasMembership: false })).toBe('membership_ended');
    expect(membershipVerdict({ hadMembership: true, hasMembership: true })).toBeUndefined();
    expect(membershipVerdict({ hadMembership: false, hasMembership: false })).toBeUndefined();
  });
});
