import { route, type ApiRoute } from '../routes.js';
import { updateOrganization } from './commands.js';
import { organizationSeenBy, readOrganization } from './queries.js';
import { organizationChangesSchema, organizationSchema } from './schemas.js';

/** Organizations in the API (R7); the policy table says who may call each. */
export const organizationRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'getOrganization',
    method: 'get',
    path: '/organizations/{orgId}',
    summary: { fr: "Lire l'organisation", en: 'Read the organization' },
    action: 'organization.read',
    response: { status: 200, schema: organizationSchema },
    handle: async ({ pool, params, access }) => organizationSeenBy(await readOrganization(pool, params.orgId), access?.standing),
  }),
  route({
    operationId: 'updateOrganization',
    method: 'patch',
    path: '/organizations/{orgId}',
    summary: {
      fr: "Modifier l'organisation (identifiant, type d'identifiant et catégorie immuables)",
      en: 'Update the organization (identifier, its kind and category immutable)',
    },
    rules: ['R7'],
    action: 'organization.update',
    body: organizationChangesSchema,
    response: { status: 200, schema: organizationSchema },
    handle: async ({ pool, actor, params, body }) => {
      await updateOrganization(pool, actor, { ...body, organizationId: params.orgId });
      return readOrganization(pool, params.orgId);
    },
  }),
];
