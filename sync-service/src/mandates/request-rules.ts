/**
 * Who files a mandate request and whom it names (R24), pure: the fiduciary's legal representative
 * or deputy asks; when the client has no access yet (no manager in force), the request names the
 * client's representative, invited once the operator validates.
 */
import { firstRefusal, invalid, type Decision } from '../commands/refusals.js';
import { requiredText } from '../commands/checks.js';
import { AppError } from '../errors.js';
import type { Role } from '../members/rules.js';
import { portal } from '../profile/profile.js';

export interface ClientRepresentative {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

/**
 * Issue 17 (`mandates.enabled: false`): a portal without mandates refuses a request with 403
 * `mandate.not_offered` rather than 404: the route exists and the caller's role may be right, so
 * the console and applications are told why, where a 404 would read as a wrong organization.
 */
export function checkMandatesOffered(): AppError | undefined {
  if (portal().mandates.enabled) return undefined;
  const { email } = portal().support;
  return new AppError('mandate.not_offered', 403, {
    fr: `Ce portail ne gère pas de mandats de fiduciaire ; pour une question, contactez le support (${email}).`,
    en: `This portal handles no fiduciary mandates; for any question, contact support (${email}).`,
  });
}

/** R24: only the fiduciary's legal representative or deputy requests a mandate (a plain manager does not). */
export function checkRequester(role: Role | undefined): AppError | undefined {
  if (role === 'legal_representative' || role === 'deputy') return undefined;
  return new AppError('mandate.requester', 403, {
    fr: 'Seul le requérant ou le requérant adjoint de la fiduciaire demande un mandat.',
    en: "Only the fiduciary's legal representative or deputy requests a mandate.",
  });
}

/**
 * R24: no power of attorney, no request: said as such (the form's file field), not as a missing
 * field of the body.
 */
export function checkPowerOfAttorney<T>(upload: T | undefined): Decision<T> {
  if (upload !== undefined) return upload;
  return invalid('mandate.power_of_attorney_required', 'powerOfAttorney', {
    fr: 'Joignez la procuration signée par le client (PDF, PNG ou JPEG) : sans elle, le mandat ne peut pas être demandé.',
    en: 'Attach the power of attorney signed by the client (PDF, PNG or JPEG): without it, the mandate cannot be requested.',
  });
}

/**
 * R24: the client's representative to invite, required when the client has no manager in force;
 * when it has, nobody is invited and a named representative is refused (its managers run its access).
 */
export function checkClientRepresentative(clientHasAccess: boolean, representative: ClientRepresentative | undefined): Decision<ClientRepresentative | null> {
  if (clientHasAccess) {
    if (!representative) return null;
    return invalid('mandate.client_has_access', 'clientRepresentative', {
      fr: "Ce client a déjà des gestionnaires ; ne nommez pas de représentant, ce sont eux qui gèrent ses accès.",
      en: 'This client already has managers; name no representative, they run its access.',
    });
  }
  if (!representative) {
    return invalid('mandate.client_representative_required', 'clientRepresentative', {
      fr: "Ce client n'a pas encore d'accès ; nommez son représentant (prénom, nom, e-mail), qui sera invité une fois le mandat validé.",
      en: 'This client has no access yet; name its representative (given name, family name, e-mail), who is invited once the mandate is validated.',
    });
  }
  const fields = (['givenName', 'familyName', 'email'] as const).map((f) => requiredText(representative[f], `clientRepresentative/${f}`, 'input.required'));
  const refusal = firstRefusal(...fields.map((f) => (f instanceof AppError ? f : undefined)));
  if (refusal) return refusal;
  const [givenName, familyName, email] = fields as string[];
  return { givenName: givenName!, familyName: familyName!, email: email!.toLowerCase() };
}

/**
 * Issue 16 item 7 (fer-ge): the services a mandate covers are services of the catalogue; the
 * refusal names the item at fault (`services/<n>`). Sorted, as the mandate keeps them.
 */
export function checkCoveredServices(services: readonly string[], catalogue: readonly string[]): Decision<string[]> {
  const unknown = services.findIndex((service) => !catalogue.includes(service));
  if (unknown >= 0) {
    return invalid('mandate.service_unknown', `services/${unknown}`, {
      fr: `Service inconnu du catalogue : ${services[unknown]}. Choisissez parmi : ${catalogue.join(', ')}.`,
      en: `Service unknown to the catalogue: ${services[unknown]}. Choose among: ${catalogue.join(', ')}.`,
    });
  }
  return [...new Set(services)].sort();
}
