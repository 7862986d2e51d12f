/**
 * Rules of adding a branch (R9, R11), pure: its own identifier known to the registry, its
 * representative, and the head office's people given access to it in the same step.
 */
import { requiredText } from '../commands/checks.js';
import { firstRefusal, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import type { Representative } from '../sign-ups/rules.js';
import { refuse } from '../error-codes/refuse.js';

export type { Representative } from '../sign-ups/rules.js';

/**
 * R11: a branch's own identifier (already checked as typed, R6) must be one the registry lists, and
 * not as closed. `entry` is the registry's line for it, if any. No identifier, nothing to check.
 */
export function checkBranchRegistered(kind: string | null, identifier: string | null, entry: { status: string } | undefined): AppError | undefined {
  if (kind === null || identifier === null) return undefined;
  if (!entry) {
    return refuse('unit.identifier_not_registered');
  }
  if (entry.status === 'closed') {
    return refuse('unit.identifier_closed');
  }
  return undefined;
}

/** R9: the branch's representative: names, function and e-mail, each required, refused under its own field. */
export function checkRepresentative(raw: Representative): Decision<Representative> {
  const texts = {
    givenName: requiredText(raw.givenName, 'representative/givenName', 'input.required'),
    familyName: requiredText(raw.familyName, 'representative/familyName', 'input.required'),
    function: requiredText(raw.function, 'representative/function', 'input.required'),
    email: requiredText(raw.email, 'representative/email', 'input.required'),
  };
  const refusal = firstRefusal(...Object.values(texts).map((t) => (t instanceof AppError ? t : undefined)));
  if (refusal) return refusal;
  return texts as Record<keyof typeof texts, string>;
}

/** R9: the head office's people chosen for the branch: each an active member of the organization; repeats ignored. */
export function checkHeadOfficePeople(chosen: readonly string[], active: ReadonlyArray<{ membershipId: string }>): Decision<string[]> {
  const known = new Set(active.map((member) => member.membershipId));
  const unique = [...new Set(chosen)];
  if (unique.every((id) => known.has(id))) return unique;
  return refuse('unit.head_office_person');
}
