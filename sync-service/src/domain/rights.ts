/** A right of a service (R8, R15): a client role of the service's OIDC client, held for an organization or one of its units. */

/** A right of a service, as `<service>:<right>` keys in the catalogue. */
export interface ServiceRight {
  readonly serviceId: string;
  readonly rightId: string;
}

export const rightKey = (right: ServiceRight): string => `${right.serviceId}:${right.rightId}`;

/** A right for the whole organization (`unitId` null) or for one of its units (R8). */
export interface MemberRight extends ServiceRight {
  readonly unitId: string | null;
}
