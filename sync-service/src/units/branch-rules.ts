/**
 * Rules of adding a branch (R9, R11), pure: its own identifier known to the registry, its
 * representative, and the head office's people given access to it in the same step.
 */
import { requiredText } from '../commands/checks.js';
import { firstRefusal, invalid, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import type { Representative } from '../sign-ups/rules.js';

export type { Representative } from '../sign-ups/rules.js';

/**
 * R11: a branch's own identifier (already checked as typed, R6) must be one the registry lists, and
 * not as closed. `entry` is the registry's line for it, if any. No identifier, nothing to check.
 */
export function checkBranchRegistered(kind: string | null, identifier: string | null, entry: { status: string } | undefined): AppError | undefined {
  if (kind === null || identifier === null) return undefined;
  if (!entry) {
    return invalid('unit.identifier_not_registered', 'identifier', {
      fr: "Ce numéro n'est pas reconnu par le registre officiel. Vérifiez-le ; si la succursale n'est pas encore annoncée au service des affiliations, annoncez-la d'abord, puis réessayez une fois le registre mis à jour (chaque semaine). Vous pouvez aussi l'ajouter sans numéro.",
      en: 'This number is not recognized by the official registry. Check it; if the branch is not yet announced to the affiliations office, announce it first, then try again once the registry is updated (every week). You may also add it without a number.',
    });
  }
  if (entry.status === 'closed') {
    return invalid('unit.identifier_closed', 'identifier', {
      fr: 'Le registre indique ce numéro comme radié : vérifiez le numéro de la succursale.',
      en: "The registry lists this number as closed: check the branch's number.",
    });
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
  return invalid('unit.head_office_person', 'headOfficePeople', {
    fr: "Une des personnes choisies n'est pas (ou plus) un membre actif de l'organisation : rechargez la page et choisissez à nouveau.",
    en: 'One of the people chosen is not (or no longer) an active member of the organization: reload the page and choose again.',
  });
}
