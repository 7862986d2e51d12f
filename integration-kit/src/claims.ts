/**
 * Procura's organization-keyed claims in an access token issued to a service's client, as the
 * JSON Schema `urn:procura:schema:organizations-claim:1` describes them
 * (`realm-config/claims/organizations-claim.schema.json`, its `serviceEntry`), with a reader that
 * refuses whatever the schema refuses. The unit tests hold the reader to the schema itself.
 */

/** A normalized organization identifier: a UID (CHE and 9 digits), a SIRET, a SIREN or an affiliate number. */
export type OrganizationIdentifier = string;

/** What a person may do for one organization in this service. */
export interface OrganizationRights {
  /** Rights for the whole organization (maybe none). */
  readonly rights: readonly string[];
  /** Unit id → rights held for that branch, antenna or establishment only. */
  readonly units?: Readonly<Record<string, readonly string[]>>;
  /** Present when the rights come through a mandate: the fiduciary's identifier. */
  readonly via?: OrganizationIdentifier;
}

export interface OrganizationClaims {
  readonly organizations: Readonly<Record<OrganizationIdentifier, OrganizationRights>>;
  /** false: the person acts for more organizations than the token holds (ask the decision endpoint). */
  readonly organizations_complete: boolean;
  readonly active_organization?: OrganizationIdentifier;
}

export const identifierPattern = /^(CHE[0-9]{9}|[0-9]{3,14})$/;

/** The claims of a verified payload; undefined when they do not match the schema (the token is then refused). */
export function readOrganizationClaims(payload: Record<string, unknown>): OrganizationClaims | undefined {
  const { organizations = {}, organizations_complete: complete, active_organization: active } = payload;
  if (typeof complete !== 'boolean' || !isRecord(organizations)) return undefined;
  if (active !== undefined && !isIdentifier(active)) return undefined;
  for (const [identifier, entry] of Object.entries(organizations)) {
    if (!isIdentifier(identifier) || !isEntry(entry)) return undefined;
  }
  return {
    organizations: organizations as OrganizationClaims['organizations'],
    organizations_complete: complete,
    ...(active === undefined ? {} : { active_organization: active as string }),
  };
}

function isEntry(entry: unknown): entry is OrganizationRights {
  if (!isRecord(entry) || !isRights(entry.rights)) return false;
  if (Object.keys(entry).some((key) => !['rights', 'units', 'via'].includes(key))) return false;
  if (entry.via !== undefined && !isIdentifier(entry.via)) return false;
  if (entry.units === undefined) return true;
  return isRecord(entry.units) && Object.keys(entry.units).length > 0 && Object.values(entry.units).every(isRights);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIdentifier = (value: unknown): boolean => typeof value === 'string' && identifierPattern.test(value);
const isRights = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((right) => typeof right === 'string' && right.length > 0) && new Set(value).size === value.length;
