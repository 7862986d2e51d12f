import { route, type ApiRoute } from '../routes.js';
import { uuid } from '../http/schemas.js';
import { pendingMandates } from '../mandates/queries.js';
import { businessDay } from '../domain/business-day.js';
import { pendingRecoveries } from '../recoveries/store.js';
import { pendingSignUps } from '../sign-ups/store.js';
import { deadlineDays, withDeadlines } from './deadlines.js';

const kinds = ['sign_up', 'mandate', 'recovery'] as const;

const queueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'overdue'],
  properties: {
    overdue: { type: 'integer', description: 'how many items are past their deadline' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'id', 'subject', 'organizationIdentifier', 'requestedAt', 'deadline', 'overdue'],
        properties: {
          kind: { enum: kinds },
          id: uuid,
          subject: { type: 'string', description: 'what the request is about, for a list: the organization, or fiduciary → client' },
          organizationIdentifier: { type: 'string' },
          requestedAt: { type: 'string', format: 'date-time' },
          deadline: { type: 'string', format: 'date' },
          overdue: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** R31: the operator's three queues in one list, each item with its deadline, overdue first. */
export const operatorQueueRoute: ApiRoute = route({
  operationId: 'getOperatorQueue',
  method: 'get',
  path: '/operator/queue',
  summary: {
    fr: "Le back-office de l'opérateur : inscriptions, mandats et reprises à traiter, avec leurs échéances, les dépassés en tête",
    en: "The operator's back office: sign-ups, mandates and recoveries to handle, with their deadlines, overdue first",
  },
  rules: ['R31'],
  action: 'operator.queue',
  response: { status: 200, schema: queueSchema },
  handle: async ({ pool }) => {
    const [signUps, mandates, recoveries] = await Promise.all([pendingSignUps(pool), pendingMandates(pool), pendingRecoveries(pool, businessDay())]);
    const items = withDeadlines(
      [
        ...signUps.map((s) => ({
          kind: 'sign_up' as const,
          id: s.id,
          subject: s.legalName,
          organizationIdentifier: s.identifier,
          requestedOn: s.requestedOn,
          requestedAt: s.requestedAt,
        })),
        ...mandates.map((m) => ({
          kind: 'mandate' as const,
          id: m.id,
          subject: `${m.fiduciary.legalName} → ${m.client.legalName}`,
          organizationIdentifier: m.client.identifier,
          requestedOn: m.requestedOn,
          requestedAt: m.requestedAt,
        })),
        ...recoveries.map((r) => ({
          kind: 'recovery' as const,
          id: r.id,
          subject: r.organization.legalName,
          organizationIdentifier: r.organization.identifier,
          requestedOn: r.requestedOn,
          requestedAt: r.requestedAt,
        })),
      ],
      businessDay(),
      deadlineDays(),
    ).map(({ requestedOn: _day, ...item }) => item);
    return { items, overdue: items.filter((item) => item.overdue).length };
  },
});
