import type { JWTPayload } from 'jose';
import type { OrganizationClaims, OrganizationIdentifier, OrganizationRights } from './claims.js';

/**
 * What a verified access token says a person may do in your service, per organization (R29).
 * Never a right for an organization the token does not name: rights are keyed by organization.
 */
export class ProcuraAccess {
  /** The person's Keycloak user id (the token's `sub`): what the decision endpoint takes as `subject`. */
  readonly subject: string;
  /** The organizations the person has rights for in this service, keyed by normalized identifier. */
  readonly organizations: Readonly<Record<OrganizationIdentifier, OrganizationRights>>;
  /** false when the token could not carry every organization (more than the realm's limit). */
  readonly complete: boolean;
  /** The organization named in the authorization request (`organization=<identifier>`), if any. */
  readonly activeOrganization: OrganizationIdentifier | undefined;
  /** When the token was issued and when it expires (seconds since the epoch). */
  readonly issuedAt: number | undefined;
  readonly expiresAt: number;

  constructor(payload: JWTPayload & { sub: string }, claims: OrganizationClaims) {
    this.subject = payload.sub;
    this.organizations = claims.organizations;
    this.complete = claims.organizations_complete;
    this.activeOrganization = claims.active_organization;
    this.issuedAt = payload.iat;
    this.expiresAt = payload.exp ?? 0;
  }

  /**
   * Whether the token grants `right` for `organization`, or for its `unit` (a right on the whole
   * organization covers its units). false also when the token cannot tell: see `knows`.
   */
  can(organization: OrganizationIdentifier, right: string, unit?: string): boolean {
    const entry = this.organizations[organization];
    if (!entry) return false;
    return entry.rights.includes(right) || (unit !== undefined && (entry.units?.[unit]?.includes(right) ?? false));
  }

  /**
   * Whether the token can answer for `organization`: it has its entry, or it is complete (so no
   * entry means no right). When it cannot, ask the decision endpoint.
   */
  knows(organization: OrganizationIdentifier): boolean {
    return this.complete || organization in this.organizations;
  }

  /** The fiduciary through which the person acts for `organization` (a mandate), if any. */
  via(organization: OrganizationIdentifier): OrganizationIdentifier | undefined {
    return this.organizations[organization]?.via;
  }

  /** The organizations for which the person holds `right` somewhere (whole organization or a unit). */
  organizationsWith(right: string): OrganizationIdentifier[] {
    return Object.entries(this.organizations)
      .filter(([, entry]) => entry.rights.includes(right) || Object.values(entry.units ?? {}).some((rights) => rights.includes(right)))
      .map(([identifier]) => identifier);
  }
}
