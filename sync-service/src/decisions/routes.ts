import { loadServices, type Service } from '@procura/realm-config';

import type { Queryable } from '../db/query.js';
import { AppError } from '../errors.js';
import { route, type ApiRoute } from '../routes.js';
import { businessDay } from '../domain/business-day.js';
import {
  evaluateAll,
  evaluationOf,
  evaluationRequestSchema,
  evaluationResponseSchema,
  evaluationsRequestSchema,
  evaluationsResponseSchema,
  questionOf,
} from './authzen.js';
import { decideRight, holdersOf } from './decide.js';
import { loadDecisionFacts, loadHolderFacts, subscribesToday } from './queries.js';
import {
  decisionAnswerSchema,
  decisionQuestionSchema,
  holdersAnswerSchema,
  holdersQuestionSchema,
  type DecisionAnswer,
  type DecisionQuestion,
} from './schemas.js';
import { refuse } from '../error-codes/refuse.js';

const otherService = (): AppError => refuse('decision.other_service');

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
      throw refuse('decision.right_not_aggregated', { service: serviceId, declared: declared.rights });
    }
  }
  if (!rightsOf(serviceId).includes(right)) {
    throw refuse('decision.unknown_right', { service: serviceId, rights: rightsOf(serviceId) });
  }
  return serviceId;
}

/** Decision 0046: asked about an aggregated service, the caller learns nothing of an organization that does not subscribe to the caller itself. */
async function unsubscribedCaller(pool: Queryable, callerId: string, serviceId: string, organization: string, today: string): Promise<boolean> {
  return serviceId !== callerId && !(await subscribesToday(pool, organization, callerId, today));
}

/** One question of a service (`callerId`) about a person, answered from the model now (R29); the AuthZEN evaluations ask it too. */
export async function answerQuestion(pool: Queryable, callerId: string, question: DecisionQuestion): Promise<DecisionAnswer> {
  const serviceId = askedService(callerId, question.service, question.right);
  const today = businessDay();
  if (await unsubscribedCaller(pool, callerId, serviceId, question.organization, today)) return { allowed: false, reason: 'not_subscribed' };
  const person = question.subject !== undefined ? { subject: question.subject } : { email: question.email! };
  const facts = await loadDecisionFacts(pool, { person, organization: question.organization, serviceId }, today);
  return decideRight(facts, { serviceId, rightId: question.right, unitId: question.unit });
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
    handle: ({ body, callingService, pool }) => answerQuestion(pool, callingService!.serviceId, body),
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
  route({
    operationId: 'authzenEvaluation',
    method: 'post',
    path: '/access/v1/evaluation',
    summary: {
      fr: 'Décision au format OpenID AuthZEN (Access Evaluation API 1.0) : sujet (une personne), action (un droit du service appelant), ressource (une organisation ou une unité) ; la raison dans « context »',
      en: 'Decision in the OpenID AuthZEN format (Access Evaluation API 1.0): subject (a person), action (a right of the calling service), resource (an organization or a unit); the reason in "context"',
    },
    action: 'decision.check',
    body: evaluationRequestSchema,
    response: { status: 200, schema: evaluationResponseSchema },
    handle: async ({ body, callingService, pool }) => evaluationOf(await answerQuestion(pool, callingService!.serviceId, questionOf(body))),
  }),
  route({
    operationId: 'authzenEvaluations',
    method: 'post',
    path: '/access/v1/evaluations',
    summary: {
      fr: "Plusieurs décisions en une requête (AuthZEN Access Evaluations API 1.0) : valeurs par défaut, « execute_all », « deny_on_first_deny » ou « permit_on_first_permit » ; une évaluation impossible est refusée, l'erreur dans son « context »",
      en: 'Several decisions in one request (AuthZEN Access Evaluations API 1.0): defaults, "execute_all", "deny_on_first_deny" or "permit_on_first_permit"; an evaluation that cannot be asked is denied, the error in its "context"',
    },
    action: 'decision.check',
    body: evaluationsRequestSchema,
    response: { status: 200, schema: evaluationsResponseSchema },
    handle: ({ body, callingService, pool }) => evaluateAll(body, (question) => answerQuestion(pool, callingService!.serviceId, question)),
  }),
];
