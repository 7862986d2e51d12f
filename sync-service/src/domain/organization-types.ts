/** The types of organization (R2: employer, fiduciary, …); a portal's profile offers some of them. */
export const organizationTypes = ['employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other'] as const;
export type OrganizationType = (typeof organizationTypes)[number];
