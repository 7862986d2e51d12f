import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { AppError } from '../errors.js';
import {
  asksNames,
  checkAcceptance,
  checkLink,
  checkNamesGiven,
  checkPending,
  checkSecretsGiven,
  keysGiven,
  linkExpiry,
  maxFailedAttempts,
  nameMaxLength,
  nominativeWarning,
  type LinkState,
} from './rules.js';
import { hashSecret, newLinkToken, normalizeSecret, secretMatches, tokenSha256 } from '../domain/secrets.js';

const now = new Date('2026-03-10T10:00:00Z');
const working: LinkState = {
  status: 'pending',
  membershipId: 'm',
  expiresAt: linkExpiry(now),
  voidedAt: null,
  failedAttempts: 0,
  organizationStatus: 'active',
};

describe('R17: what a link answers', () => {
  it('a pending, current link works for 14 days', () => {
    expect(checkLink(working, now)).toBeUndefined();
    expect(working.expiresAt.toISOString()).toBe('2026-03-24T10:00:00.000Z');
  });

  it('unknown, used, revoked, replaced, expired and blocked links each say so', () => {
    expect(refusalOf(checkLink(undefined, now))).toBe('404 invitation.not_found /token');
    expect(refusalOf(checkLink({ ...working, status: 'accepted' }, now))).toBe('410 invitation.used /token');
    expect(refusalOf(checkLink({ ...working, status: 'revoked' }, now))).toBe('410 invitation.revoked /token');
    expect(refusalOf(checkLink({ ...working, membershipId: null }, now))).toBe('410 invitation.revoked /token');
    expect(refusalOf(checkLink({ ...working, voidedAt: now }, now))).toBe('410 invitation.replaced /token');
    expect(refusalOf(checkLink(working, working.expiresAt))).toBe('410 invitation.expired /token');
    expect(refusalOf(checkLink({ ...working, failedAttempts: maxFailedAttempts }, now))).toBe('410 invitation.locked /token');
  });

  it('issue 14 item 9, R11: a link voided by the closure, or of a closed or suspended organization, is no longer valid', () => {
    expect(refusalOf(checkLink({ ...working, status: 'voided', membershipId: null }, now))).toBe('410 invitation.organization_closed /token');
    expect(refusalOf(checkLink({ ...working, organizationStatus: 'closed' }, now))).toBe('410 invitation.organization_closed /token');
    expect(refusalOf(checkLink({ ...working, organizationStatus: 'suspended' }, now))).toBe('410 invitation.organization_closed /token');
  });

  it('a replayed link of an accepted invitation says it was used, even if it was also replaced', () => {
    expect(refusalOf(checkLink({ ...working, status: 'accepted', voidedAt: now }, now))).toBe('410 invitation.used /token');
  });

  it('only a pending invitation is re-sent or revoked', () => {
    expect(checkPending('pending', 'm')).toBeUndefined();
    expect(refusalOf(checkPending('accepted', 'm'))).toBe('409 invitation.not_pending /invitationId');
    expect(refusalOf(checkPending('pending', null))).toBe('409 invitation.not_pending /invitationId');
  });
});

describe('R16, R20: what accepting needs', () => {
  it('a new account needs a password', () => {
    expect(checkAcceptance({ password: 'x' }, false)).toEqual({ kind: 'activate', password: 'x' });
    expect(refusalOf(checkAcceptance({}, false))).toBe('422 invitation.password_required /password');
  });

  it('R20: an existing account needs consent, and keeps its password', () => {
    expect(refusalOf(checkAcceptance({}, true, 'as-account'))).toBe('409 invitation.consent_required /consent');
    expect(refusalOf(checkAcceptance({ consent: false }, true, 'as-account'))).toBe('409 invitation.consent_required /consent');
    expect(refusalOf(checkAcceptance({ consent: true, password: 'x' }, true, 'as-account'))).toBe('422 invitation.password_not_expected /password');
    expect(checkAcceptance({ consent: true }, true, 'as-account')).toEqual({ kind: 'merge' });
  });

  it('issue 14 item 8, R20: the consent counts only from the account’s own sign-in', () => {
    expect(refusalOf(checkAcceptance({ consent: true }, true))).toBe('403 invitation.sign_in_required /consent');
    expect(refusalOf(checkAcceptance({ consent: true }, true, 'none'))).toBe('403 invitation.sign_in_required /consent');
    expect(refusalOf(checkAcceptance({ consent: true }, true, 'other'))).toBe('403 invitation.other_account /consent');
  });

  it('R16 (Geneva): the secret answer, when asked, is required', () => {
    expect(checkSecretsGiven({ secretAnswer: false }, {})).toBeUndefined();
    expect(refusalOf(checkSecretsGiven({ secretAnswer: true }, {}))).toBe('422 invitation.secret_answer_required /secretAnswer');
  });

  it('R16 (Geneva), decision 0050: each organization of the link that asks its mail security key gets one, the first through mailSecurityKey or by id, the others by id', () => {
    const geneva = { organizationId: 'o-1', organizationName: 'Rhône SA', mailSecurityKeyHash: 'h1' };
    const carouge = { organizationId: 'o-2', organizationName: 'Carouge SA', mailSecurityKeyHash: 'h2' };
    expect(keysGiven([], {})).toEqual([]);
    expect(refusalOf(keysGiven([geneva], { secretAnswer: 'a' } as never))).toBe('422 invitation.mail_security_key_required /mailSecurityKey');
    expect(keysGiven([geneva], { mailSecurityKey: 'k' })).toEqual([{ asked: geneva, key: 'k', field: 'mailSecurityKey' }]);
    expect(keysGiven([geneva], { mailSecurityKeys: { 'o-1': 'k' } })).toEqual([{ asked: geneva, key: 'k', field: '/mailSecurityKeys/o-1' }]);
    const second = keysGiven([geneva, carouge], { mailSecurityKey: 'k' });
    expect(refusalOf(second)).toBe('422 invitation.mail_security_key_required /mailSecurityKeys/o-2');
    expect((second as AppError).messages.fr).toBe('Saisissez la clé de sécurité courrier de Carouge SA.');
    expect(keysGiven([geneva, carouge], { mailSecurityKey: 'k', mailSecurityKeys: { 'o-2': 'c' } })).toHaveLength(2);
  });
});

describe('issue 16 item 3: the names asked at activation', () => {
  const named = { givenName: 'Léa', familyName: 'Favre' };

  it('asked when the invitation left either name out and no account exists; never for an account that exists (R20)', () => {
    expect(asksNames({ givenName: '', familyName: '' }, false)).toBe(true);
    expect(asksNames({ givenName: 'Léa', familyName: ' ' }, false)).toBe(true);
    expect(asksNames(named, false)).toBe(false);
    expect(asksNames({ givenName: '', familyName: '' }, true)).toBe(false);
  });

  it('when asked, both are required, trimmed and at most 100 characters', () => {
    expect(checkNamesGiven(true, { givenName: '  Léa ', familyName: 'Favre  ' })).toEqual(named);
    expect(refusalOf(checkNamesGiven(true, { familyName: 'Favre' }))).toBe('422 invitation.given_name_required /givenName');
    expect(refusalOf(checkNamesGiven(true, { givenName: 'Léa', familyName: '   ' }))).toBe('422 invitation.family_name_required /familyName');
    expect(checkNamesGiven(true, { givenName: 'L'.repeat(nameMaxLength), familyName: ` ${'F'.repeat(nameMaxLength)} ` })).toEqual({
      givenName: 'L'.repeat(100),
      familyName: 'F'.repeat(100),
    });
    expect(refusalOf(checkNamesGiven(true, { givenName: 'L'.repeat(nameMaxLength + 1), familyName: 'Favre' }))).toBe(
      '422 invitation.given_name_too_long /givenName',
    );
  });

  it('when not asked, nothing is stored and names sent are refused, not ignored', () => {
    expect(checkNamesGiven(false, {})).toBeUndefined();
    expect(refusalOf(checkNamesGiven(false, { givenName: 'Léa' }))).toBe('422 invitation.names_not_expected /givenName');
    expect(refusalOf(checkNamesGiven(false, { familyName: 'Favre' }))).toBe('422 invitation.names_not_expected /familyName');
  });

  it('each refusal speaks French and English', () => {
    const refusal = checkNamesGiven(true, {});
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).messages).toEqual({ fr: 'Saisissez votre prénom.', en: 'Enter your given name.' });
  });
});

describe('secrets', () => {
  it('a token is 256 random bits, stored as its SHA-256', () => {
    const { token, sha256 } = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sha256).toBe(tokenSha256(token));
    expect(newLinkToken().token).not.toBe(token);
  });

  it('answers typed from paper compare without case or extra spaces; scrypt, salted', async () => {
    expect(normalizeSecret('  Rue  du Lac ')).toBe('rue du lac');
    const stored = await hashSecret('Rue du Lac');
    expect(stored).not.toBe(await hashSecret('Rue du Lac'));
    expect(await secretMatches('rue  du LAC', stored)).toBe(true);
    expect(await secretMatches('rue du lac 2', stored)).toBe(false);
    expect(await secretMatches('x', 'plain')).toBe(false);
  });
});

describe('R5: role addresses are warned about, never refused', () => {
  it("contact@, info@, secrétariat@ warn; a person's address does not", () => {
    expect(nominativeWarning('contact@boulangerie.example')?.code).toBe('email.not_nominative');
    expect(nominativeWarning('Info2@x.ch')?.field).toBe('/email');
    expect(nominativeWarning('secrétariat@x.ch')).toBeDefined();
    expect(nominativeWarning('lea.favre@horlogerie-leman.example')).toBeUndefined();
    expect(nominativeWarning('contactless.jean@x.ch')).toBeUndefined();
  });
});
