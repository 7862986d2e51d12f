import { loadServices, type Service } from '@procura/realm-config';
import { invalid } from '../commands/refusals.js';
import type { Queryable } from '../db/query.js';
import { AppError } from '../errors.js';
import { route, type ApiRoute } from '../http/routes.js';
import { businessDay } from '../projection/business-day.js';
import { decideRight, holdersOf } from './decide.js';
import { loadDecisionFacts, loadHolderFacts, subscribesToday } from './queries.js';
import { decisionAnswerSchema, decisionQuestionSchema, holdersAnswerSchema, holdersQuestionSchema } from './schemas.js';

const otherService = (): AppError =>
  new AppError('decision.other_service', 403, {
    fr: "Un service ne demande de décision que sur ses propres droits, jamais sur ceux d'un autre service.",
    en: "A service asks for decisions on its own rights only, never on another service's.",
  }, { field: 'service' });

let catalogue: Map<string, Service> | undefined;
const serviceOf = (serviceId: string): Service | undefined => (catalogue ??= new Map(loadServices().map((s) => [s.id, s]))).get(serviceId);
const rightsOf = (serviceId: string): readonly string[] => serviceOf(serviceId)?.rights.map((r) => r.id) ?? [];

/**
 * The service a question is about: the caller's own (`service` left out or its own id), or one the
 * catalogue declares it aggregates, for a right it declares (decision 0046: the employer inbox
 * asks about `read` of the services whose letters it shows); any other is 403.
 */
function askedService(callerId: string, named: string | undefined, right: string): string {
  const serviceId = named ?? callerId;
  if (serviceId !== callerId) {
    const declared = serviceOf(callerId)?.aggregates?.find((a) => a.service === serviceId);
    if (!declared) throw otherService();
    if (!declared.rights.includes(right)) {
      throw new AppError('decision.right_not_aggregated', 403, {
        fr: `Ce service ne peut demander, pour ${serviceId}, que les droits déclarés (${declared.rights.join(', ')}).`,
        en: `For ${serviceId}, this service may ask about its declared rights only (${declared.rights.join(', ')}).`,
      }, { field: 'right' });
    }
  }
  if (!rightsOf(serviceId).includes(right)) {
    throw invalid('decision.unknown_right', 'right', {
      fr: `Droit inconnu du service ${serviceId} (droits : ${rightsOf(serviceId).join(', ')}).`,
      en: `Right unknown to the service ${serviceId} (rights: ${rightsOf(serviceId).join(', ')}).`,
    });
  }
  return serviceId;
}

/** Decision 0046: asked about an aggregated service, the caller learns nothing of an organization that does not subscribe to the caller itself. */
async function unsubscribedCaller(pool: Queryable, callerId: string, serviceId: string, organization: string, today: string): Promise<boolean> {
  return serviceId !== callerId && !(await subscribesToday(pool, organization, callerId, today));
}

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
      const serviceId = askedService(callingService!.serviceId, body.service, body.right);
      const today = businessDay();
      if (await unsubscribedCaller(pool, callingService!.serviceId, serviceId, body.organization, today)) return { allowed: false, reason: 'not_subscribed' } as const;
      const person = body.subject !== undefined ? { subject: body.subject } : { email: body.email! };
      const facts = await loadDecisionFacts(pool, { person, organization: body.organization, serviceId }, today);
      return decideRight(facts, { serviceId, rightId: body.right, unitId: body.unit });
    },
  }),
  route({
    operationId: 'decisionHolders',
    method: 'post',
    path: '/decisions/holders',
    summary: {
      fr: "Qui peut exercer ce droit pour cette organisation ou cette unité, maintenant : les personnes à prévenir d'un courrier qui demande une action",
      en: 'Who may exercise this right for this organization or unit now: the people to tell of a letter that needs action',
    },
    action: 'decision.holders',
    body: holdersQuestionSchema,
    response: { status: 200, schema: holdersAnswerSchema },
    handle: async ({ body, callingService, pool }) => {
      const serviceId = askedService(callingService!.serviceId, body.service, body.right);
      const today = businessDay();
      if (await unsubscribedCaller(pool, callingService!.serviceId, serviceId, body.organization, today)) return { holders: [] };
      const facts = await loadHolderFacts(pool, { organization: body.organization, serviceId }, today);
      const holders = holdersOf(facts, { serviceId, rightId: body.right, unitId: body.unit });
      const people = facts.snapshot.people.filter((p) => holders.has(p.id)).sort((a, b) => a.email.localeCompare(b.email));
      return { holders: people.map((p) => ({ email: p.email, givenName: p.givenName, familyName: p.familyName, ...holders.get(p.id) })) };
    },
  }),
];
