/**
 * The roles a person holds in an organization (requérant, requérant adjoint, gestionnaire,
 * collaborateur, observateur) and the sets of them that the rules name.
 */
export const roles = ['legal_representative', 'deputy', 'manager', 'member', 'observer'] as const;
export type Role = (typeof roles)[number];
/** The roles that manage the organization's access (requérant, requérant adjoint, gestionnaire). */
export const managerRoles: readonly Role[] = ['legal_representative', 'deputy', 'manager'];
/** The roles that only a legal representative (or the platform) grants or takes away (R13: « requérant ou requérant adjoint »). */
export const representativeRoles: readonly Role[] = ['legal_representative', 'deputy'];
