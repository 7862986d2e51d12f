/**
 * The projection's input (a snapshot of the business model, or of part of it) and its output (the
 * Keycloak state it must converge to). Plain data: the projection itself is a pure function.
 */

export type Role = 'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer';

export interface ModelSnapshot {
  /** The day validity windows are judged on (YYYY-MM-DD). */
  readonly today: string;
  /** `identifierScope`: '' (absent) unless the profile lets types share the identifier (R6, migration 0029). */
  readonly organizations: ReadonlyArray<{
    id: string;
    identifier: string;
    identifierKind: string;
    legalName: string;
    type: string;
    status: 'active' | 'suspended' | 'closed';
    identifierScope?: string;
  }>;
  readonly units: ReadonlyArray<{ id: string; organizationId: string; parentUnitId: string | null; kind: string; name: string }>;
  readonly subscriptions: ReadonlyArray<{ organizationId: string; serviceId: string; startsOn: string; endsOn: string | null }>;
  /**
   * `departed`: no membership left (decision 0047); `loginDisabled`: the projection disabled the
   * account. Both false when absent.
   */
  readonly people: ReadonlyArray<{ id: string; email: string; givenName: string; familyName: string; departed?: boolean; loginDisabled?: boolean }>;
  readonly memberships: ReadonlyArray<{
    id: string;
    personId: string;
    organizationId: string;
    role: Role;
    status: 'invited' | 'active' | 'deactivated' | 'expired';
    expiresOn: string | null;
  }>;
  readonly rights: ReadonlyArray<{ membershipId: string; serviceId: string; rightId: string; unitId: string | null }>;
  readonly mandates: ReadonlyArray<{
    id: string;
    fiduciaryId: string;
    clientId: string;
    status: 'requested' | 'active' | 'rejected' | 'ended';
    validFrom: string | null;
    validUntil: string | null;
  }>;
  readonly delegates: ReadonlyArray<{ mandateId: string; membershipId: string }>;
  readonly delegateRights: ReadonlyArray<{ mandateId: string; membershipId: string; serviceId: string; rightId: string }>;
}

/** A group the projection manages; `key` says what it stands for and survives renames. */
export interface DesiredGroup {
  readonly key: string;
  readonly parentKey: string | undefined;
  /** The organization whose group (or subtree) holds this group: scopes a partial reconcile. */
  readonly organizationId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Grant groups: the one client role (a service's right) they map. */
  readonly clientRole: { readonly clientId: string; readonly role: string } | undefined;
  /** Person ids of the members (sorted). */
  readonly members: readonly string[];
}

export interface DesiredUser {
  readonly personId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /**
   * Issue 16 item 5: `false`, a departed person's account is disabled (and kept so); `true`, the
   * account the projection disabled is enabled again (the person came back); absent, the projection
   * leaves it as it is (an administrator may have disabled it).
   */
  readonly enabled?: boolean;
}

export interface DesiredState {
  /** Parents before children. */
  readonly groups: readonly DesiredGroup[];
  readonly users: readonly DesiredUser[];
}

/** The OIDC client of a service of the catalogue (one definition, in realm-config). */
export { serviceClientId } from '@procura/realm-config';

/**
 * R6: an organization's group is named by its identifier (docs/keycloak-mapping.md); where the
 * profile lets types share an identifier (a non-empty scope, migration 0029), the scope follows it
 * (`73282931200014 prescriber`), so that two top-level groups never collide. The claims read the
 * group's attributes (`procura.identifier`), never its name.
 */
export function organizationGroupName(identifier: string, scope: string): string {
  return scope === '' ? identifier : `${identifier} ${scope}`;
}
