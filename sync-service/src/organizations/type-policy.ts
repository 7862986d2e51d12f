import { jsonConfig } from '../config-file.js';
import { organizationTypes, type OrganizationType } from './rules.js';

/** R12: pairs of organization types that one account (one person) must not hold together. */
export interface TypePolicy {
  readonly mustNotMix: ReadonlyArray<readonly [OrganizationType, OrganizationType]>;
  /** R10: types whose self sign-up needs no operator: the organization is created and its representative invited as manager at once. */
  readonly signUpAtOnce: readonly OrganizationType[];
}

/**
 * The policy of `PROCURA_ORGANIZATION_TYPES` (a JSON file), else `sync-service/config/organization-types.json`;
 * read once. A malformed file stops the service with a message naming it, rather than letting types mix.
 */
export const typePolicy = jsonConfig('PROCURA_ORGANIZATION_TYPES', new URL('../../config/organization-types.json', import.meta.url), (value, source) => parseTypePolicy(value, source));

export function parseTypePolicy(value: unknown, source: string): TypePolicy {
  const pairs = (value as { mustNotMix?: unknown })?.mustNotMix;
  const isType = (t: unknown): t is OrganizationType => typeof t === 'string' && (organizationTypes as readonly string[]).includes(t);
  if (!Array.isArray(pairs) || !pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isType) && pair[0] !== pair[1])) {
    throw new Error(`${source}: "mustNotMix" must list pairs of two different organization types among ${organizationTypes.join(', ')}`);
  }
  const atOnce = (value as { signUpAtOnce?: unknown }).signUpAtOnce ?? [];
  if (!Array.isArray(atOnce) || !atOnce.every(isType)) {
    throw new Error(`${source}: "signUpAtOnce" must list organization types among ${organizationTypes.join(', ')}`);
  }
  return { mustNotMix: pairs as Array<[OrganizationType, OrganizationType]>, signUpAtOnce: atOnce };
}
