import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkSignUp, checkSignUpDecision, type SignUpForm } from './rules.js';

const form: SignUpForm = {
  legalName: ' Horlogerie SA ',
  type: 'employer',
  representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email: ' Lea.Favre@Example.test ' },
};
const parsed = { kind: 'uid' as const, identifier: 'CHE109322551' };
const entry = { name: 'HORLOGERIE SA', status: 'active', successorIdentifier: null };

describe('sign-up rules (R10, R11)', () => {
  it('R10: a registered, active, free identifier with a complete form is filed, trimmed, the e-mail lower-cased (R1)', () => {
    expect(checkSignUp(form, parsed, entry, false, false)).toEqual({
      identifierKind: 'uid',
      identifier: 'CHE109322551',
      registryName: 'HORLOGERIE SA',
      legalName: 'Horlogerie SA',
      type: 'employer',
      representative: { givenName: 'Léa', familyName: 'Favre', function: 'Directrice', email: 'lea.favre@example.test' },
    });
  });

  it('R11: unknown to the registry, or closed there (naming the successor), is refused with what to do', () => {
    expect(refusalOf(checkSignUp(form, parsed, undefined, false, false))).toBe('422 sign_up.not_recognized /identifier');
    const closed = checkSignUp(form, parsed, { ...entry, status: 'closed', successorIdentifier: 'CHE116281710' }, false, false);
    expect(refusalOf(closed)).toBe('422 sign_up.closed /identifier');
    expect((closed as Error & { messages: { en: string } }).messages.en).toContain('CHE116281710');
  });

  it('R10: an organization already on the platform, or a sign-up already pending, is a conflict; a blank field is named', () => {
    expect(refusalOf(checkSignUp(form, parsed, entry, true, false))).toBe('409 sign_up.already_registered /identifier');
    expect(refusalOf(checkSignUp(form, parsed, entry, false, true))).toBe('409 sign_up.exists /identifier');
    expect(refusalOf(checkSignUp({ ...form, representative: { ...form.representative, function: ' ' } }, parsed, entry, false, false))).toBe(
      '422 input.required /representative/function',
    );
  });

  it('R31: only a pending sign-up is decided; a rejection says why', () => {
    expect(checkSignUpDecision('pending', 'rejected', ' Incomplet ')).toEqual({ reason: 'Incomplet' });
    expect(refusalOf(checkSignUpDecision('pending', 'rejected', ' '))).toBe('422 sign_up.reason_required /reason');
    expect(refusalOf(checkSignUpDecision('approved', 'approved', undefined))).toBe('409 sign_up.decided /signUpId');
  });
});
