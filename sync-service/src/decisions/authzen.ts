import { Router, type RequestHandler } from 'express';
import { refuse } from '../error-codes/refuse.js';
import { AppError } from '../errors.js';
import type { FromSchema } from '../http/from-schema.js';
import { text } from '../http/schemas.js';
import type { DecisionAnswer, DecisionQuestion } from './schemas.js';

/**
 * Issue 21 item 3, decision 0069: the decision endpoint in the words of OpenID AuthZEN
 * Authorization API 1.0 (the Access Evaluation and Access Evaluations APIs, the PDP metadata). A
 * subject of type `user` is a person (id: the `sub` of their tokens, or their e-mail address); a
 * resource is an `organization` (id: its identifier) or a `unit` (id: the unit's id, with
 * `properties.organization`); the action's name is a right of the calling service
 * (`properties.service` names a service it aggregates). The answer is the decision endpoint's,
 * its reason in `context`.
 * @see https://openid.net/specs/authorization-api-1_0.html
 */

/**
 * An entity's `properties`, the `context` and the `options`: free keys the spec lets a PEP send.
 * The few this PDP reads (`resource.properties.organization`, `action.properties.service`,
 * `options.evaluations_semantic`) are checked where they are read: the API's schemas close every
 * object that names its keys, and these must stay open to the rest.
 */
const openObject = { type: 'object', maxProperties: 50 } as const;

const subjectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id'],
  properties: { type: { enum: ['user'] }, id: text(255), properties: openObject },
} as const;

const resourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id'],
  properties: {
    type: { enum: ['organization', 'unit'] },
    id: text(255),
    properties: openObject,
  },
} as const;

const actionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: text(100),
    properties: openObject,
  },
} as const;

const tuple = { subject: subjectSchema, action: actionSchema, resource: resourceSchema, context: openObject } as const;

export const evaluationRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'action', 'resource'],
  properties: tuple,
} as const;
export type EvaluationRequest = FromSchema<typeof evaluationRequestSchema>;

export const evaluationSemantics = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;

/** At most this many evaluations in one request (the body limit, 64 KiB, is the other bound). */
export const maxEvaluations = 100;

export const evaluationsRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...tuple,
    evaluations: {
      type: 'array',
      maxItems: maxEvaluations,
      items: { type: 'object', additionalProperties: false, properties: tuple },
    },
    options: openObject,
  },
} as const;
export type EvaluationsRequest = FromSchema<typeof evaluationsRequestSchema>;

const decisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: { type: 'boolean' },
    context: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reason: {
          type: 'string',
          description: 'why: membership, mandate, or the refusal (no_right, not_subscribed, organization_unknown, organization_inactive, unit_unknown)',
        },
        scope: { enum: ['organization', 'unit'] },
        via: { type: 'string', description: 'reason mandate: the fiduciary whose mandate gives the right' },
        error: {
          type: 'object',
          additionalProperties: false,
          required: ['status', 'code', 'message'],
          description: 'an evaluation of /evaluations that could not be asked (the whole request is answered 4xx for /evaluation)',
          properties: {
            status: { type: 'integer' },
            code: { type: 'string' },
            message: { type: 'string' },
            message_fr: { type: 'string' },
            field: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

export const evaluationResponseSchema = decisionSchema;
export const evaluationsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['evaluations'],
  properties: { evaluations: { type: 'array', items: decisionSchema } },
} as const;

type Tuple = Partial<EvaluationRequest>;
export type Evaluation = { readonly decision: boolean; readonly context?: Readonly<Record<string, unknown>> };

/** The decision endpoint's question for one AuthZEN 4-tuple; a missing or misnamed part is 422 with the field at fault (`at`: where the tuple sits). Pure. */
export function questionOf(request: Tuple, at = ''): DecisionQuestion {
  const { subject, action, resource } = request;
  if (!subject) throw missing(`${at}/subject`);
  if (!action) throw missing(`${at}/action`);
  if (!resource) throw missing(`${at}/resource`);
  const person = subject.id.includes('@') ? { email: subject.id } : { subject: subject.id };
  const service = optionalText(action.properties, 'service', `${at}/action/properties/service`, 100);
  const right = { right: action.name, ...(service === undefined ? {} : { service }) };
  if (resource.type === 'organization') return { ...person, organization: resource.id, ...right };
  const organization = optionalText(resource.properties, 'organization', `${at}/resource/properties/organization`, 14);
  if (organization === undefined) {
    throw refuse('authzen.unit_without_organization', { field: `${at}/resource/properties/organization` });
  }
  return { ...person, organization, unit: resource.id, ...right };
}

/** A string among free `properties`: absent, or a non-empty string of at most `max` characters (422 otherwise). */
function optionalText(properties: Readonly<Record<string, unknown>> | undefined, key: string, field: string, max: number): string | undefined {
  const value = properties?.[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length > 0 && value.length <= max) return value;
  throw refuse('authzen.property_invalid', { key, max }, { field });
}

/** The semantic asked in `options` (AuthZEN §7.1.3), `execute_all` when none. */
function semanticOf(options: Readonly<Record<string, unknown>> | undefined): (typeof evaluationSemantics)[number] {
  const asked = options?.evaluations_semantic;
  if (asked === undefined) return 'execute_all';
  const known = evaluationSemantics.find((semantic) => semantic === asked);
  if (known) return known;
  throw refuse('authzen.semantic_unknown', { allowed: evaluationSemantics });
}

function missing(field: string): AppError {
  return refuse('authzen.incomplete', { part: field.split('/').pop() ?? field }, { field });
}

/** The decision endpoint's answer as an AuthZEN decision: allowed or not, the reason in `context`. Pure. */
export function evaluationOf(answer: DecisionAnswer): Evaluation {
  const { allowed, ...context } = answer;
  return { decision: allowed, context };
}

/** An evaluation that could not be asked (another service's right, a right unknown): denied, the error in `context` (AuthZEN §7.2 "Errors"). */
export function failedEvaluation(error: AppError): Evaluation {
  return {
    decision: false,
    context: {
      error: {
        status: error.status,
        code: error.code,
        message: error.messages.en,
        message_fr: error.messages.fr,
        ...(error.field ? { field: error.field } : {}),
      },
    },
  };
}

/**
 * Access Evaluations: each evaluation is the request's default 4-tuple overridden by its own keys,
 * asked in order; `deny_on_first_deny` stops after the first denial (or failure), and
 * `permit_on_first_permit` after the first permit. Without `evaluations`, the request is one
 * evaluation. An error that is not the evaluation's own (the database gone) fails the whole request.
 */
export async function evaluateAll(
  request: EvaluationsRequest,
  ask: (question: DecisionQuestion) => Promise<DecisionAnswer>,
): Promise<{ evaluations: Evaluation[] }> {
  const { evaluations, options, ...defaults } = request;
  const semantic = semanticOf(options);
  const tuples = evaluations && evaluations.length > 0 ? evaluations.map((own) => ({ ...defaults, ...own })) : [defaults];
  const answers: Evaluation[] = [];
  for (const [index, tuple] of tuples.entries()) {
    const evaluation = await evaluateOne(tuple, evaluations && evaluations.length > 0 ? `/evaluations/${index}` : '', ask);
    answers.push(evaluation);
    if (semantic === 'deny_on_first_deny' && !evaluation.decision) break;
    if (semantic === 'permit_on_first_permit' && evaluation.decision) break;
  }
  return { evaluations: answers };
}

async function evaluateOne(tuple: Tuple, at: string, ask: (question: DecisionQuestion) => Promise<DecisionAnswer>): Promise<Evaluation> {
  try {
    return evaluationOf(await ask(questionOf(tuple, at)));
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return failedEvaluation(error);
    throw error;
  }
}

/**
 * The PDP's metadata (AuthZEN §9): `GET /.well-known/authzen-configuration` names this service's
 * public URL as the policy decision point and its two evaluation endpoints. Public, as discovery
 * documents are; the endpoints themselves need a service's token.
 */
export function authzenDiscovery(publicUrl: string, endpoint: (path: string) => string): Router {
  const router = Router();
  const document = {
    policy_decision_point: publicUrl.replace(/\/+$/, ''),
    access_evaluation_endpoint: endpoint('/access/v1/evaluation'),
    access_evaluations_endpoint: endpoint('/access/v1/evaluations'),
  };
  router.get('/.well-known/authzen-configuration', (_request, response) => {
    response.set('cache-control', 'public, max-age=3600').json(document);
  });
  return router;
}

/** AuthZEN's `X-Request-ID` (§10.1.8): a request identifier sent is sent back, as it came (printable ASCII, 1–255 characters). */
export const echoRequestId: RequestHandler = (request, response, next) => {
  const id = request.get('x-request-id');
  if (id !== undefined && /^[\x21-\x7e]{1,255}$/.test(id)) response.set('x-request-id', id);
  next();
};
