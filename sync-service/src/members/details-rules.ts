/**
 * Rules of a manager's edit of a member's details (R4, R16; issue 16 item 3; decision 0049), pure.
 * The details are the organization's to edit only while the person is the organization's alone: a
 * person who belongs to another organization, handles another organization's mandate or is one of
 * the operator's staff owns them (`person.details_own`).
 */

import { portal } from '../profile/profile.js';
import type { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

export const secretQuestionMaxLength = 200;

/** R16: a secret answer is chosen with its question; a question alone asks nothing. Both trimmed. */
export function checkSecretPair(
  question: string | undefined,
  answer: string | undefined,
  prefix: 'invitation' | 'person',
): AppError | { question: string; answer: string } | undefined {
  const q = question?.trim() ?? '';
  const a = answer?.trim() ?? '';
  if (q === '' && a === '') return undefined;
  if (!portal().activation.secretQuestion) {
    return refuse(`${prefix}.secret_question_not_offered`);
  }
  if (a === '') return prefix === 'invitation' ? refuse('invitation.secret_answer_required', { by: 'manager' }) : refuse('person.secret_answer_required');
  if (q === '') return refuse(`${prefix}.secret_question_required`);
  if (q.length > secretQuestionMaxLength) return refuse(`${prefix}.secret_question_too_long`, { max: secretQuestionMaxLength });
  return { question: q, answer: a };
}

/** Why the person's details are not the managers' to edit, if they are not: the person's own, or (`portal`) the portal's profile keeps them from managers (issue 17). */
export type OwnDetails = 'other_organization' | 'delegate' | 'operator' | 'self' | 'portal';

/** What makes the details the person's own (issue 16 item 3): `undefined` while the organization may edit them. */
export function ownDetailsReason(facts: {
  readonly otherOrganizations: number;
  readonly delegateOfMandates: number;
  readonly operator: boolean;
  readonly self: boolean;
}): OwnDetails | undefined {
  if (facts.self) return 'self';
  if (!portal().members.managersEditDetails) return 'portal';
  if (facts.operator) return 'operator';
  if (facts.otherOrganizations > 0) return 'other_organization';
  if (facts.delegateOfMandates > 0) return 'delegate';
  return undefined;
}

/** The refusal of an edit of details that are the person's own: 409 `person.details_own`, saying why; where the portal keeps details from managers, 403 `person.details_not_editable`. */
export function detailsOwn(reason: OwnDetails): AppError {
  if (reason === 'portal') return refuse('person.details_not_editable');
  return refuse('person.details_own', { reason });
}

/** Where login codes go (R2): `email` only, or `sms` to the verified code phone (the person then chooses at login). */
export type CodeChannel = 'email' | 'sms';

/** R2: codes by SMS need a code phone. */
export function checkCodeChannel(channel: CodeChannel, codePhone: string | null): AppError | undefined {
  if (channel === 'sms' && codePhone === null) return refuse('person.code_phone_required');
  return undefined;
}
