import { portal } from '../profile/profile.js';
import type { ServiceRight } from '../domain/rights.js';

/**
 * Issue 16 item 1 (R22, fer-ge's observer request for the journal): what an approved request gives
 * besides its role — `accessRequests` of the portal's profile.
 */
export interface AccessRequestSettings {
  /** The rights an approved observer gets, on the services the organization subscribes to. */
  readonly observerRights: readonly ServiceRight[];
}

export const accessRequestSettings = (): AccessRequestSettings => portal().accessRequests;
