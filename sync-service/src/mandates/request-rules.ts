/**
 * Who files a mandate request and whom it names (R24), pure: the fiduciary's legal representative
 * or deputy asks; when the client has no access yet (no manager in force), the request names the
 * client's representative, invited once the operator validates.
 */
import { firstRefusal, type Decision } from '../commands/refusals.js';
import { requiredText } from '../commands/checks.js';
import { AppError } from '../errors.js';
import type { DocumentUpload } from '../documents/rules.js';
import type { Role } from '../domain/roles.js';
import { portal } from '../profile/profile.js';
import { refuse } from '../error-codes/refuse.js';

export interface ClientRepresentative {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

/** R24: a fiduciary's request for a mandate on a client, as filed (the command of `requests.ts`, or on a client known only to the registry). */
export interface FileMandateRequest {
  readonly fiduciaryId: string;
  /** The person filing it: the fiduciary's legal representative or deputy (R24). */
  readonly requesterPersonId: string;
  /** The client's identifier as typed (R6). */
  readonly client: string;
  /** Required: its absence is refused as `mandate.power_of_attorney_required` (R24). */
  readonly powerOfAttorney?: DocumentUpload | undefined;
  /** The mandate's optional end date (R27). */
  readonly validUntil?: string | null;
  readonly clientRepresentative?: ClientRepresentative;
  /** The services the mandate covers (issue 16 item 7); absent: every service of the client. */
  readonly services?: readonly string[];
}

/**
 * Issue 17 (`mandates.enabled: false`): a portal without mandates refuses a request with 403
 * `mandate.not_offered` rather than 404: the route exists and the caller's role may be right, so
 * the console and applications are told why, where a 404 would read as a wrong organization.
 */
export function checkMandatesOffered(): AppError | undefined {
  if (portal().mandates.enabled) return undefined;
  const { email } = portal().support;
  return refuse('mandate.not_offered', { support: email });
}

/** R24: only the fiduciary's legal representative or deputy requests a mandate (a plain manager does not). */
export function checkRequester(role: Role | undefined): AppError | undefined {
  if (role === 'legal_representative' || role === 'deputy') return undefined;
  return refuse('mandate.requester');
}

/**
 * R24: no power of attorney, no request: said as such (the form's file field), not as a missing
 * field of the body.
 */
export function checkPowerOfAttorney<T>(upload: T | undefined): Decision<T> {
  if (upload !== undefined) return upload;
  return refuse('mandate.power_of_attorney_required', { missing: 'upload' }, { field: 'powerOfAttorney' });
}

/**
 * R24: the client's representative to invite, required when the client has no manager in force;
 * when it has, nobody is invited and a named representative is refused (its managers run its access).
 */
export function checkClientRepresentative(clientHasAccess: boolean, representative: ClientRepresentative | undefined): Decision<ClientRepresentative | null> {
  if (clientHasAccess) {
    if (!representative) return null;
    return refuse('mandate.client_has_access');
  }
  if (!representative) {
    return refuse('mandate.client_representative_required');
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
    return refuse('mandate.service_unknown', { service: services[unknown]!, catalogue }, { field: `services/${unknown}` });
  }
  return [...new Set(services)].sort();
}
