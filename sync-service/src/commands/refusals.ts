import { AppError, type Message } from '../errors.js';

/**
 * What the rules answer: the value to write, or an `AppError` that says why not. Rules are pure and
 * return their refusal; commands `enforce` it, which throws inside the transaction, so a refused
 * command changes nothing.
 */
export type Decision<T> = T | AppError;

/** The decided value, or the refusal thrown. */
export function enforce<T>(decision: Decision<T>): T {
  if (decision instanceof AppError) throw decision;
  return decision;
}

/** The first refusal among checks, in order. */
export function firstRefusal(...checks: ReadonlyArray<AppError | undefined>): AppError | undefined {
  return checks.find((check) => check !== undefined);
}

const names = {
  organization: { fr: 'Organisation introuvable', en: 'Organization not found' },
  unit: { fr: 'Unité introuvable dans cette organisation', en: 'Unit not found in this organization' },
  membership: { fr: 'Membre introuvable', en: 'Member not found' },
  person: { fr: 'Personne introuvable', en: 'Person not found' },
  service: { fr: 'Service inconnu du catalogue', en: 'Service unknown to the catalogue' },
  subscription: { fr: 'Abonnement introuvable', en: 'Subscription not found' },
  mandate: { fr: 'Mandat introuvable', en: 'Mandate not found' },
  delegate: { fr: 'Cette personne ne gère pas ce mandat', en: 'This person does not handle this mandate' },
  invitation: { fr: 'Invitation introuvable dans cette organisation', en: 'Invitation not found in this organization' },
  sign_up: { fr: 'Inscription introuvable', en: 'Sign-up not found' },
  recovery: { fr: 'Demande de reprise introuvable', en: 'Recovery request not found' },
  document: { fr: 'Document introuvable', en: 'Document not found' },
  access_request: { fr: "Demande d'accès introuvable dans cette organisation", en: 'Access request not found in this organization' },
} as const;

/**
 * 404 `<subject>.not_found`. Also the answer for what exists but belongs to another organization,
 * so that nobody learns of other organizations' units or people by guessing ids.
 */
export function notFound(subject: keyof typeof names, field: string): AppError {
  const name = names[subject];
  return new AppError(`${subject}.not_found`, 404, { fr: `${name.fr}.`, en: `${name.en}.` }, { field });
}

/** 422: the input is wrong; `field` is the one to correct. */
export function invalid(code: string, field: string, messages: Message): AppError {
  return new AppError(code, 422, messages, { field });
}

/** 409: the input is fine, but the state of the model refuses it. */
export function conflict(code: string, field: string, messages: Message): AppError {
  return new AppError(code, 409, messages, { field });
}

/** 403: the caller may call the route, but the rule refuses them this change (their role in it). */
export function forbiddenBy(code: string, field: string, messages: Message): AppError {
  return new AppError(code, 403, messages, { field });
}
