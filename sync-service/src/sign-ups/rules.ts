/**
 * Self sign-up of an organization (R10, R11), pure: the form checked against the registry as last
 * imported and against the organizations already on the platform.
 */
import { requiredText } from '../commands/checks.js';
import { firstRefusal, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import type { IdentifierKind } from '../organizations/identifiers.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { refuse } from '../error-codes/refuse.js';

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
    return refuse('sign_up.not_recognized');
  }
  if (entry.status === 'closed') {
    const successor = entry.successorIdentifier;
    return refuse('sign_up.closed', { successor: successor ?? undefined });
  }
  if (registered) {
    return refuse('sign_up.already_registered');
  }
  if (pending) {
    return refuse('sign_up.exists');
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
    identifierKind: parsed.kind,
    identifier: parsed.identifier,
    registryName: entry.name,
    legalName: t.legalName,
    type: form.type,
    representative: { givenName: t.givenName, familyName: t.familyName, function: t.function, email: t.email.toLowerCase() },
  };
}

/** R10, R31: only a pending sign-up is decided; a rejection says why. */
export function checkSignUpDecision(status: SignUpStatus, decision: 'approved' | 'rejected', reason: string | undefined): Decision<{ reason: string | null }> {
  if (status !== 'pending') return refuse('sign_up.decided');
  const trimmed = reason?.trim() || null;
  if (decision === 'rejected' && !trimmed) return refuse('sign_up.reason_required');
  return { reason: trimmed };
}
