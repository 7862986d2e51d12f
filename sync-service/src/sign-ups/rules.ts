/**
 * Self sign-up of an organization (R10, R11), pure: the form checked against the registry as last
 * imported and against the organizations already on the platform.
 */
import { requiredText } from '../commands/checks.js';
import { conflict, firstRefusal, invalid, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import type { IdentifierKind } from '../organizations/identifiers.js';
import type { OrganizationType } from '../organizations/rules.js';

export interface Representative {
  readonly givenName: string;
  readonly familyName: string;
  /** Their function in the organization (gérant, directrice RH…). */
  readonly function: string;
  readonly email: string;
}

export interface SignUpForm {
  readonly legalName: string;
  readonly type: OrganizationType;
  readonly representative: Representative;
}

export interface CheckedSignUp extends SignUpForm {
  readonly identifierKind: IdentifierKind;
  readonly identifier: string;
  readonly registryName: string;
}

export type SignUpStatus = 'pending' | 'approved' | 'rejected';

/**
 * R10, R11: the sign-up of `identifier` (already parsed, R6). `entry`: the registry's line for it;
 * `registered`: an organization already bears it; `pending`: a sign-up for it awaits the operator.
 */
export function checkSignUp(
  form: SignUpForm,
  parsed: { kind: IdentifierKind; identifier: string },
  entry: { name: string; status: string; successorIdentifier: string | null } | undefined,
  registered: boolean,
  pending: boolean,
): Decision<CheckedSignUp> {
  if (!entry) {
    return invalid('sign_up.not_recognized', 'identifier', {
      fr: "Ce numéro n'est pas reconnu par le registre officiel. Vérifiez-le sur votre extrait du registre ; s'il vient d'être attribué, le registre est mis à jour chaque semaine : réessayez dans quelques jours ou écrivez à la webassistance, en joignant l'extrait.",
      en: 'This number is not recognized by the official registry. Check it on your registry extract; if it was assigned recently, the registry is updated every week: try again in a few days, or write to the web assistance with the extract attached.',
    });
  }
  if (entry.status === 'closed') {
    const successor = entry.successorIdentifier;
    return invalid('sign_up.closed', 'identifier', {
      fr: `Le registre indique cette organisation comme radiée.${successor ? ` Elle porte désormais le numéro ${successor} : inscrivez-vous avec celui-ci.` : ''}`,
      en: `The registry lists this organization as closed.${successor ? ` It now goes by ${successor}: sign up with that one.` : ''}`,
    });
  }
  if (registered) {
    return conflict('sign_up.already_registered', 'identifier', {
      fr: "Cette organisation est déjà inscrite. Demandez l'accès à ses gestionnaires ; si elle n'en a plus, déposez une demande de reprise.",
      en: 'This organization is already signed up. Ask its managers for access; if it has none left, file a recovery request.',
    });
  }
  if (pending) {
    return conflict('sign_up.exists', 'identifier', { fr: "Une inscription de cette organisation attend déjà la validation de l'opérateur.", en: "A sign-up of this organization already awaits the operator's validation." });
  }
  const texts = {
    legalName: requiredText(form.legalName, 'legalName', 'input.required'),
    givenName: requiredText(form.representative.givenName, 'representative/givenName', 'input.required'),
    familyName: requiredText(form.representative.familyName, 'representative/familyName', 'input.required'),
    function: requiredText(form.representative.function, 'representative/function', 'input.required'),
    email: requiredText(form.representative.email, 'representative/email', 'input.required'),
  };
  const refusal = firstRefusal(...Object.values(texts).map((t) => (t instanceof AppError ? t : undefined)));
  if (refusal) return refusal;
  const t = texts as Record<keyof typeof texts, string>;
  return {
    identifierKind: parsed.kind, identifier: parsed.identifier, registryName: entry.name, legalName: t.legalName, type: form.type,
    representative: { givenName: t.givenName, familyName: t.familyName, function: t.function, email: t.email.toLowerCase() },
  };
}

/** R10, R31: only a pending sign-up is decided; a rejection says why. */
export function checkSignUpDecision(status: SignUpStatus, decision: 'approved' | 'rejected', reason: string | undefined): Decision<{ reason: string | null }> {
  if (status !== 'pending') return conflict('sign_up.decided', 'signUpId', { fr: 'Cette inscription est déjà décidée.', en: 'This sign-up was decided already.' });
  const trimmed = reason?.trim() || null;
  if (decision === 'rejected' && !trimmed) return invalid('sign_up.reason_required', 'reason', { fr: 'Un refus dit pourquoi au représentant.', en: 'A rejection tells the representative why.' });
  return { reason: trimmed };
}
