import { portal } from '../profile/profile.js';
import type { OrganizationType } from '../domain/organization-types.js';

/** R12: pairs of organization types that one account (one person) must not hold together. */
export interface TypePolicy {
  readonly mustNotMix: ReadonlyArray<readonly [OrganizationType, OrganizationType]>;
  /** R10: types whose self sign-up needs no operator: the organization is created and its representative invited as manager at once. */
  readonly signUpAtOnce: readonly OrganizationType[];
}

/** The type rules of the portal's profile (`organizations`, issue 17). */
export const typePolicy = (): TypePolicy => portal().organizations;
