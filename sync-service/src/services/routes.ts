import { route, type ApiRoute } from '../routes.js';
import { controlledServices } from '../policy/rights.js';
import { businessDay } from '../domain/business-day.js';
import { activateService } from './activation.js';
import { catalogueFor } from './queries.js';
import { serviceActivationSchema, serviceListSchema, serviceSchema } from './schemas.js';

/** The service catalogue of an organization and its activation (R13, R15, R28). */
export const serviceRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listServices',
    method: 'get',
    path: '/organizations/{orgId}/services',
    summary: {
      fr: 'Le catalogue : chaque service abonné ou disponible, ses droits et ceux que je peux accorder',
      en: 'The catalogue: each service subscribed or available, its rights and those I may grant',
    },
    rules: ['R15'],
    action: 'service.list',
    response: { status: 200, schema: serviceListSchema },
    handle: async ({ pool, params, access }) => ({
      items: await catalogueFor(pool, params.orgId, businessDay(), (subscribed) => controlledServices(access?.standing ?? null, subscribed)),
    }),
  }),
  route({
    operationId: 'activateService',
    method: 'post',
    path: '/organizations/{orgId}/services/{serviceId}/subscription',
    summary: {
      fr: "Activer un service pour l'organisation, à partir d'une date ; ses gestionnaires sont prévenus",
      en: 'Activate a service for the organization, from a date; its managers are told',
    },
    rules: ['R15', 'R28'],
    action: 'service.activate',
    body: serviceActivationSchema,
    response: { status: 201, schema: serviceSchema },
    handle: async ({ pool, params, actor, body, access, services }) => {
      await activateService(pool, actor, { organizationId: params.orgId, serviceId: params.serviceId, ...body, consoleUrl: services.publicUrl });
      const catalogue = await catalogueFor(pool, params.orgId, businessDay(), (subscribed) => controlledServices(access?.standing ?? null, subscribed));
      return catalogue.find((service) => service.id === params.serviceId);
    },
  }),
];
