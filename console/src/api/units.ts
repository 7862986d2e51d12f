/** « Ajouter une succursale » (R9, R11, R16): the unit with its representative and the head office's people, in one call. */
import { call, segment } from './client.js';
import type { Answer, NewUnit } from './types.js';

export interface BranchRepresentative {
  givenName: string;
  familyName: string;
  function: string;
  email: string;
}

export interface NewBranch extends NewUnit {
  representative?: BranchRepresentative;
  /** Memberships of the head office's active people who get `rights` on the branch. */
  headOfficePeople?: string[];
  rights?: Array<{ serviceId: string; rightId: string }>;
}

/** The unit, its representative's invitation, the head office's people who got rights on it. */
export type BranchAdded = Answer<'addUnit', 201>;

export const addBranch = (orgId: string, branch: NewBranch) =>
  call<BranchAdded>({ method: 'POST', path: `/organizations/${segment(orgId)}/units`, body: branch });
