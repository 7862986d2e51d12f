import { route, type ApiRoute } from '../http/routes.js';
import { addUnit } from './commands.js';
import { unitTree } from './queries.js';
import { newUnitSchema, unitTreeSchema } from './schemas.js';

/** Units in the API (R8, R9); the policy table says who may call each. */
export const unitRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'listUnits',
    method: 'get',
    path: '/organizations/{orgId}/units',
    summary: { fr: "L'arbre des unités (succursales, antennes, établissements)", en: 'The tree of units (branches, antennas, establishments)' },
    action: 'unit.list',
    response: { status: 200, schema: unitTreeSchema },
    handle: async ({ pool, params }) => ({ units: await unitTree(pool, params.orgId!) }),
  }),
  route({
    operationId: 'addUnit',
    method: 'post',
    path: '/organizations/{orgId}/units',
    summary: { fr: 'Ajouter une succursale, une antenne ou un établissement (R8, R9)', en: 'Add a branch, antenna or establishment (R8, R9)' },
    action: 'unit.add',
    body: newUnitSchema,
    response: { status: 201, schema: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } },
    handle: ({ pool, actor, params, body }) => addUnit(pool, actor, { ...body, organizationId: params.orgId! }),
  }),
];
