import { loadServices } from '@procura/realm-config';
import { invalid } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { route, type ApiRoute } from '../http/routes.js';
import { businessDay } from '../projection/business-day.js';
import { decideRight } from './decide.js';
import { loadDecisionFacts } from './queries.js';
import { decisionAnswerSchema, decisionQuestionSchema } from './schemas.js';

const otherService = (): AppError =>
  new AppError('decision.other_service', 403, {
    fr: "Un service ne demande de décision que sur ses propres droits, jamais sur ceux d'un autre service.",
    en: "A service asks for decisions on its own rights only, never on another service's.",
  }, { field: 'service' });

let catalogue: Map<string, readonly string[]> | undefined;
const rightsOf = (serviceId: string): readonly string[] =>
  (catalogue ??= new Map(loadServices().map((s) => [s.id, s.rights.map((r) => r.id)]))).get(serviceId) ?? [];

/**
 * R29, ASVS 5.0 V8.3.2: the decision endpoint. A service, authenticated with its own client
 * credentials, asks whether a person may exercise one of ITS rights for an organization (or a
 * unit), and gets the answer read from PostgreSQL at this instant, with the reason. See
 * docs/integrating-an-application.md §5.
 */
export const decisionRoutes: readonly ApiRoute[] = [
  route({
    operationId: 'decide',
    method: 'post',
    path: '/decisions',
    summary: {
      fr: "Décision : cette personne peut-elle exercer ce droit du service appelant pour cette organisation ou cette unité ? Lu dans le modèle à l'instant : une révocation compte tout de suite",
      en: 'Decision: may this person exercise this right of the calling service for this organization or unit? Read from the model now: a revocation counts at once',
    },
    action: 'decision.check',
    body: decisionQuestionSchema,
    response: { status: 200, schema: decisionAnswerSchema },
    handle: async ({ body, callingService, pool }) => {
      const serviceId = callingService!.serviceId;
      if (body.service !== undefined && body.service !== serviceId) throw otherService();
      if (!rightsOf(serviceId).includes(body.right)) {
        throw invalid('decision.unknown_right', 'right', {
          fr: `Droit inconnu du service ${serviceId} (droits : ${rightsOf(serviceId).join(', ')}).`,
          en: `Right unknown to the service ${serviceId} (rights: ${rightsOf(serviceId).join(', ')}).`,
        });
      }
      const person = body.subject !== undefined ? { subject: body.subject } : { email: body.email! };
      const facts = await loadDecisionFacts(pool, { person, organization: body.organization, serviceId }, businessDay());
      return decideRight(facts, { serviceId, rightId: body.right, unitId: body.unit });
    },
  }),
];
