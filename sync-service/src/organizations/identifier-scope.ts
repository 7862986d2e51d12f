import { portal } from '../profile/profile.js';

/**
 * R6 (issue 17): the part of an organization's uniqueness key beside its normalized identifier,
 * as the profile says (`organizations.identifierUnique`): '' when an identifier names one
 * organization whatever its type, the type when an employer and a prescriber may share one SIRET.
 * Written at insert (migration 0029), where the database's unique index decides.
 */
export function identifierScope(type: string): string {
  return portal().organizations.identifierUnique === 'identifier_and_type' ? type : '';
}
