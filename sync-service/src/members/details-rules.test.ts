import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkCodeChannel, checkSecretPair, detailsOwn, ownDetailsReason } from './details-rules.js';

const alone = { otherOrganizations: 0, delegateOfMandates: 0, operator: false, self: false };

describe('R4 (issue 16 item 3): whose details a manager may edit', () => {
  it("only those of a person who is the organization's alone", () => {
    expect(ownDetailsReason(alone)).toBeUndefined();
    expect(ownDetailsReason({ ...alone, otherOrganizations: 1 })).toBe('other_organization');
    expect(ownDetailsReason({ ...alone, delegateOfMandates: 2 })).toBe('delegate');
    expect(ownDetailsReason({ ...alone, operator: true, otherOrganizations: 1 })).toBe('operator');
    expect(ownDetailsReason({ ...alone, self: true })).toBe('self');
    expect(refusalOf(detailsOwn('other_organization'))).toBe('409 person.details_own /membershipId');
  });
});

describe('R16: the secret question is chosen with its answer', () => {
  it('both or neither, trimmed', () => {
    expect(checkSecretPair(undefined, undefined, 'invitation')).toBeUndefined();
    expect(checkSecretPair(' Quel lac ? ', ' Léman ', 'invitation')).toEqual({ question: 'Quel lac ?', answer: 'Léman' });
    expect(refusalOf(checkSecretPair(undefined, 'Léman', 'invitation'))).toBe('422 invitation.secret_question_required /secretQuestion');
    expect(refusalOf(checkSecretPair('Quel lac ?', '  ', 'person'))).toBe('422 person.secret_answer_required /secretAnswer');
  });
});

describe('R2: codes by SMS need a code phone', () => {
  it('refuses SMS without a number', () => {
    expect(refusalOf(checkCodeChannel('sms', null))).toBe('422 person.code_phone_required /codePhone');
    expect(checkCodeChannel('sms', '+41795550102')).toBeUndefined();
    expect(checkCodeChannel('email', null)).toBeUndefined();
  });
});
