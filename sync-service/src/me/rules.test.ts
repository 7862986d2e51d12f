import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkEmailChangeLink, checkNewEmail, checkPhone, checkProfile, emailChangeExpiry, type Profile } from './rules.js';

const today = '2026-03-10';
const profile: Profile = { civility: null, givenName: 'Léa', familyName: 'Favre', birthDate: null, phone: null };

describe('R4: a person edits their own profile', () => {
  it('keeps what is not sent, trims names, compacts the phone', () => {
    expect(checkProfile(profile, { civility: 'ms', familyName: ' Favre-Rochat ', phone: '+41 21 555 01 02' }, today)).toEqual({
      civility: 'ms',
      givenName: 'Léa',
      familyName: 'Favre-Rochat',
      birthDate: null,
      phone: '+41215550102',
    });
    expect(checkProfile({ ...profile, phone: '+41215550102' }, { phone: '' }, today)).toMatchObject({ phone: null });
  });

  it('issue 16 item 3: a name never given (invited by e-mail only) does not refuse a change of another field', () => {
    expect(checkProfile({ ...profile, givenName: '', familyName: '' }, { phone: '+41 21 555 01 02' }, today)).toMatchObject({
      givenName: '',
      familyName: '',
      phone: '+41215550102',
    });
  });

  it('refuses an empty name, a birth date that is not one or not in the past, a phone that is not one', () => {
    expect(refusalOf(checkProfile(profile, { givenName: '  ' }, today))).toBe('422 person.given_name /givenName');
    expect(refusalOf(checkProfile(profile, { birthDate: '1990-02-30' }, today))).toBe('422 input.date /birthDate');
    expect(refusalOf(checkProfile(profile, { birthDate: '2026-03-10' }, today))).toBe('422 person.birth_date /birthDate');
    expect(refusalOf(checkProfile(profile, { birthDate: '1850-01-01' }, today))).toBe('422 person.birth_date /birthDate');
    expect(refusalOf(checkPhone('call me'))).toBe('422 person.phone /phone');
  });
});

describe('R1, R4: a new login e-mail', () => {
  it('is another address than the current one (compared trimmed, case-insensitively), held by nobody else', () => {
    expect(checkNewEmail('Lea@A.ch ', 'lea@a.ch', undefined, 'p1')?.code).toBe('email.unchanged');
    expect(refusalOf(checkNewEmail('lea@a.ch', 'marc@a.ch', 'p2', 'p1'))).toBe('409 email.taken /email');
    expect(checkNewEmail('lea@a.ch', 'lea.favre@a.ch', undefined, 'p1')).toBeUndefined();
  });

  it('is confirmed through a link that works once, until it expires or a newer one replaces it', () => {
    const now = new Date('2026-03-10T10:00:00Z');
    const link = { expiresAt: emailChangeExpiry(now), confirmedAt: null, voidedAt: null };
    expect(checkEmailChangeLink(link, now)).toBeUndefined();
    expect(refusalOf(checkEmailChangeLink(undefined, now))).toBe('404 email_change.not_found /token');
    expect(refusalOf(checkEmailChangeLink({ ...link, confirmedAt: now }, now))).toBe('410 email_change.used /token');
    expect(refusalOf(checkEmailChangeLink({ ...link, voidedAt: now }, now))).toBe('410 email_change.replaced /token');
    expect(refusalOf(checkEmailChangeLink(link, new Date('2026-03-11T10:00:00Z')))).toBe('410 email_change.expired /token');
  });
});
