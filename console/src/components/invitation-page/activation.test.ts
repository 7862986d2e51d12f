import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { acceptanceFor, deadLink, forgetToken, rememberedToken, rememberToken, signInToJoin, tokenFromFragment, type ActivationForm } from './activation.js';

const token = 'a'.repeat(43);
const form: ActivationForm = {
  password: 'Lac-Leman-2026!',
  repeat: 'Lac-Leman-2026!',
  consent: true,
  mailSecurityKey: 'GE-KEY-2026',
  secretAnswer: 'Salève',
  givenName: 'Zoé',
  familyName: 'Favre',
  addMobileNumber: false,
};
const none = { password: false, consent: false, signIn: false, mailSecurityKey: false, secretAnswer: false, names: false };
const gone = (code: string, status = 410) => new ApiError(code, status, { fr: 'Lien mort', en: 'Dead link' }, 'token');

describe('the invitation link (R16)', () => {
  it('reads the token from the fragment, and nothing from a link without one', () => {
    expect(tokenFromFragment(`#token=${token}`)).toBe(token);
    expect(tokenFromFragment(`#lang=en&token=${token}`)).toBe(token);
    expect(tokenFromFragment('')).toBe('');
    expect(tokenFromFragment('#/o/1/members')).toBe('');
  });
});

describe('what accepting sends', () => {
  it('R16: a new account sends its password, not the consent nor secrets it was not asked', () => {
    expect(acceptanceFor(token, { ...none, password: true }, form)).toEqual({ token, password: form.password });
  });

  it('R16: a password typed differently twice is caught before anything is sent, under the repetition', () => {
    expect(acceptanceFor(token, { ...none, password: true }, { ...form, repeat: 'other' })).toEqual({ field: 'repeat', kind: 'mismatch' });
  });

  it('R20: an existing account sends the consent (as given) and never a password', () => {
    expect(acceptanceFor(token, { ...none, consent: true }, form)).toEqual({ token, consent: true });
    expect(acceptanceFor(token, { ...none, consent: true }, { ...form, consent: false })).toEqual({ token, consent: false });
  });

  it('R16 (Geneva): the mail security key and the secret answer only when asked', () => {
    expect(acceptanceFor(token, { ...none, password: true, mailSecurityKey: true, secretAnswer: true }, form)).toEqual({
      token,
      password: form.password,
      mailSecurityKey: 'GE-KEY-2026',
      secretAnswer: 'Salève',
    });
  });

  it("R16 (Geneva): an invitation for several organizations that ask their keys sends the first one's as mailSecurityKey, the others' by organization", () => {
    const asks = { ...none, password: true, mailSecurityKey: true };
    expect(acceptanceFor(token, asks, { ...form, mailSecurityKeys: { 'o-2': 'CAROUGE-2026' } }, ['o-1', 'o-2'])).toEqual({
      token,
      password: form.password,
      mailSecurityKey: 'GE-KEY-2026',
      mailSecurityKeys: { 'o-2': 'CAROUGE-2026' },
    });
    expect(acceptanceFor(token, asks, form, ['o-2'])).toEqual({ token, password: form.password, mailSecurityKey: 'GE-KEY-2026' });
  });

  it('issue 16 item 3: the names only when asked (an invitation without names, no account yet)', () => {
    expect(acceptanceFor(token, { ...none, password: true, names: true }, form)).toEqual({
      token,
      password: form.password,
      givenName: 'Zoé',
      familyName: 'Favre',
    });
    expect(acceptanceFor(token, { ...none, password: true }, form)).not.toHaveProperty('givenName');
    expect(acceptanceFor(token, { ...none, consent: true }, form)).toEqual({ token, consent: true });
  });

  it('R2: addMobileNumber is sent only when ticked', () => {
    expect(acceptanceFor(token, { ...none, password: true }, { ...form, addMobileNumber: true })).toMatchObject({ addMobileNumber: true });
    expect(acceptanceFor(token, { ...none, password: true }, form)).not.toHaveProperty('addMobileNumber');
  });
});

describe('R17: a link that no longer works', () => {
  it('is a refusal naming the token; an accepted one sends the person to sign in', () => {
    expect(deadLink(gone('invitation.expired'))).toBe('dead');
    expect(deadLink(gone('invitation.replaced'))).toBe('dead');
    expect(deadLink(gone('invitation.not_found', 404))).toBe('dead');
    expect(deadLink(gone('invitation.used'))).toBe('used');
  });

  it('is not a refusal of a field of the form, nor a network failure', () => {
    expect(deadLink(new ApiError('password.policy', 422, { fr: 'x', en: 'x' }, 'password'))).toBeUndefined();
    expect(deadLink(new ApiError('network', 0, { fr: 'x', en: 'x' }))).toBeUndefined();
    expect(deadLink(new Error('x'))).toBeUndefined();
  });
});

describe('the token kept across the sign-in that joining an account needs (R20, issue 14 item 8)', () => {
  it('is kept, read back, then forgotten', () => {
    const store = new Map<string, string>();
    const storage = {
      setItem: (k: string, v: string) => void store.set(k, v),
      getItem: (k: string) => store.get(k) ?? null,
      removeItem: (k: string) => void store.delete(k),
    };
    expect(rememberedToken(storage)).toBe('');
    rememberToken(storage, token);
    expect(rememberedToken(storage)).toBe(token);
    forgetToken(storage);
    expect(rememberedToken(storage)).toBe('');
    expect(signInToJoin).toBe('/auth/login?returnTo=%2Finvitation');
  });
});
