import { route, type ApiRoute } from '../routes.js';
import { takeCommittedNotices } from '../notices/outbox.js';
import { sendCommittedNotices } from '../notices/worker.js';
import { checkRightsControlled, controlledServices } from '../policy/rights.js';
import { businessDay } from '../domain/business-day.js';
import { subscribedServices } from '../services/store.js';
import { addBranch } from './branch.js';
import { unitTree } from './queries.js';
import { newUnitSchema, unitAddedSchema, unitTreeSchema } from './schemas.js';

/** Units in the API (R8, R9); the policy table says who may call each. */
export const unitRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listUnits',
    method: 'get',
    path: '/organizations/{orgId}/units',
    summary: { fr: "L'arbre des unités (succursales, antennes, établissements)", en: 'The tree of units (branches, antennas, establishments)' },
    action: 'unit.list',
    response: { status: 200, schema: unitTreeSchema },
    handle: async ({ pool, params }) => ({ units: await unitTree(pool, params.orgId) }),
  }),
  route({
    operationId: 'addUnit',
    method: 'post',
    path: '/organizations/{orgId}/units',
    summary: {
      fr: 'Ajouter une succursale, une antenne ou un établissement ; son numéro vérifié dans le registre, son représentant invité, les personnes du siège choisies y reçoivent des droits',
      en: 'Add a branch, antenna or establishment; its number checked in the registry, its representative invited, the head office people chosen get rights on it',
    },
    rules: ['R8', 'R9', 'R11'],
    action: 'unit.add',
    body: newUnitSchema,
    response: { status: 201, schema: unitAddedSchema },
    handle: async ({ pool, actor, access, params, body, services }) => {
      const organizationId = params.orgId;
      const subscribed = await subscribedServices(pool, organizationId, businessDay());
      const requested = (body.rights ?? []).map((right) => ({ serviceId: right.serviceId, rightId: right.rightId, unitId: null }));
      const refusal = checkRightsControlled([], requested, controlledServices(access?.standing ?? null, subscribed), subscribed);
      if (refusal) throw refusal;
      const added = await addBranch(pool, actor, { ...body, organizationId, publicUrl: services.publicUrl });
      if (added.invitation) await sendCommittedNotices(pool, services.mailer, takeCommittedNotices(), services.logger);
      return { ...added, invitation: added.invitation && { ...added.invitation, expiresAt: added.invitation.expiresAt.toISOString() } };
    },
  }),
];
