/**
 * Rules of a manager's edit of a member's details (R4, R16; issue 16 item 3; decision 0049), pure.
 * The details are the organization's to edit only while the person is the organization's alone: a
 * person who belongs to another organization, handles another organization's mandate or is one of
 * the operator's staff owns them (`person.details_own`).
 */
import { conflict, forbiddenBy, invalid } from '../commands/refusals.js';
import { portal } from '../profile/profile.js';
import type { AppError, Message } from '../errors.js';

export const secretQuestionMaxLength = 200;

/** R16: a secret answer is chosen with its question; a question alone asks nothing. Both trimmed. */
export function checkSecretPair(question: string | undefined, answer: string | undefined, prefix: 'invitation' | 'person'): AppError | { question: string; answer: string } | undefined {
  const q = question?.trim() ?? '';
  const a = answer?.trim() ?? '';
  if (q === '' && a === '') return undefined;
  if (!portal().activation.secretQuestion) {
    return invalid(`${prefix}.secret_question_not_offered`, 'secretQuestion', {
      fr: "Ce portail ne demande pas de question secrète à l'activation : laissez la question et la réponse vides.",
      en: 'This portal asks no secret question at activation: leave the question and the answer empty.',
    });
  }
  if (a === '') return invalid(`${prefix}.secret_answer_required`, 'secretAnswer', { fr: 'Donnez la réponse à la question secrète.', en: 'Give the answer to the secret question.' });
  if (q === '') return invalid(`${prefix}.secret_question_required`, 'secretQuestion', { fr: 'Choisissez ou écrivez la question secrète de cette réponse.', en: 'Choose or type the secret question of this answer.' });
  if (q.length > secretQuestionMaxLength) return invalid(`${prefix}.secret_question_too_long`, 'secretQuestion', { fr: `${secretQuestionMaxLength} caractères au plus.`, en: `At most ${secretQuestionMaxLength} characters.` });
  return { question: q, answer: a };
}

/** Why the person's details are not the managers' to edit, if they are not: the person's own, or (`portal`) the portal's profile keeps them from managers (issue 17). */
export type OwnDetails = 'other_organization' | 'delegate' | 'operator' | 'self' | 'portal';

/** What makes the details the person's own (issue 16 item 3): `undefined` while the organization may edit them. */
export function ownDetailsReason(facts: { readonly otherOrganizations: number; readonly delegateOfMandates: number; readonly operator: boolean; readonly self: boolean }): OwnDetails | undefined {
  if (facts.self) return 'self';
  if (!portal().members.managersEditDetails) return 'portal';
  if (facts.operator) return 'operator';
  if (facts.otherOrganizations > 0) return 'other_organization';
  if (facts.delegateOfMandates > 0) return 'delegate';
  return undefined;
}

const ownMessages: Record<OwnDetails, Message> = {
  self: { fr: 'Ce sont vos propres informations : modifiez-les dans votre profil.', en: 'These are your own details: edit them in your profile.' },
  operator: { fr: "Cette personne fait partie de l'équipe de la plateforme : ses informations sont les siennes, elle seule les modifie.", en: "This person is one of the platform's staff: their details are their own, only they edit them." },
  other_organization: { fr: "Cette personne agit aussi pour une autre organisation : ses informations sont les siennes, elle seule les modifie dans son profil.", en: 'This person also acts for another organization: their details are their own, only they edit them in their profile.' },
  portal: { fr: 'Sur ce portail, chacun modifie ses informations dans son propre profil : les gestionnaires les consultent sans les modifier.', en: 'On this portal, everyone edits their details in their own profile: managers read them without changing them.' },
  delegate: { fr: "Cette personne agit aussi pour une autre organisation par un mandat : ses informations sont les siennes, elle seule les modifie dans son profil.", en: "This person also acts for another organization through a mandate: their details are their own, only they edit them in their profile." },
};

/** The refusal of an edit of details that are the person's own: 409 `person.details_own`, saying why; where the portal keeps details from managers, 403 `person.details_not_editable`. */
export function detailsOwn(reason: OwnDetails): AppError {
  if (reason === 'portal') return forbiddenBy('person.details_not_editable', 'membershipId', ownMessages[reason]);
  return conflict('person.details_own', 'membershipId', ownMessages[reason]);
}

/** Where login codes go (R2): `email` only, or `sms` to the verified code phone (the person then chooses at login). */
export type CodeChannel = 'email' | 'sms';

/** R2: codes by SMS need a code phone. */
export function checkCodeChannel(channel: CodeChannel, codePhone: string | null): AppError | undefined {
  if (channel === 'sms' && codePhone === null) return invalid('person.code_phone_required', 'codePhone', { fr: 'Les codes par SMS demandent un numéro de téléphone pour les codes.', en: 'Codes by SMS need a phone number for the codes.' });
  return undefined;
}
