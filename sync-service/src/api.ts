import { auditRoutes } from './audit/routes.js';
import { auditWebhookRoutes } from './audit/webhooks/routes.js';
import { decisionRoutes } from './decisions/routes.js';
import { accessRequestRoutes } from './access-requests/routes.js';
import { invitationRoutes } from './invitations/routes.js';
import { profileRoutes } from './me/profile-routes.js';
import { mandateRoutes } from './mandates/routes.js';
import { meRoutes } from './me/routes.js';
import { memberRoutes } from './members/routes.js';
import { mailSecurityKeyRoutes } from './organizations/mail-security-key-routes.js';
import { operatorRoutes } from './operator/routes.js';
import { organizationRoutes } from './organizations/routes.js';
import { serviceRoutes } from './services/routes.js';
import { recoveryRoutes } from './recoveries/routes.js';
import { signUpRoutes } from './sign-ups/routes.js';
import { supportDeskRoutes } from './support-desk/routes.js';
import { unitRoutes } from './units/routes.js';
import { openApiDocument } from './openapi.js';
import { route, type ApiRoute } from './routes.js';

let document: Record<string, unknown> | undefined;

/** THE route table of /api/v1: every route of the API is here, and only routes from here are mounted. */
export const apiRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    summary: { fr: 'Ce document OpenAPI 3.1', en: 'This OpenAPI 3.1 document' },
    action: 'api.describe',
    response: { status: 200, schema: { type: 'object' } },
    handle: async () => (document ??= openApiDocument(apiRoutes)),
  }),
  ...meRoutes,
  ...profileRoutes,
  ...organizationRoutes,
  ...unitRoutes,
  ...memberRoutes,
  ...serviceRoutes,
  ...invitationRoutes,
  ...mailSecurityKeyRoutes,
  ...accessRequestRoutes,
  ...auditRoutes,
  ...decisionRoutes,
  ...auditWebhookRoutes,
  ...mandateRoutes,
  ...operatorRoutes,
  ...supportDeskRoutes,
  ...signUpRoutes,
  ...recoveryRoutes,
];
