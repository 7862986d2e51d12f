/** The decision endpoint's schemas (R29). */
import type { FromSchema } from '../http/from-schema.js';
import { text, uuid } from '../http/schemas.js';

/** A normalized organization identifier, as tokens key organizations (UID, SIRET, SIREN, affiliate number). */
const identifier = { type: 'string', maxLength: 14, pattern: '^(CHE[0-9]{9}|[0-9]{3,14})$' } as const;

/**
 * POST /decisions: may this person (Keycloak user id `subject`, the `sub` of their tokens, or
 * `email`) exercise `right` of the calling service for `organization`, or for one of its units?
 * `service` may be left out; when given it must be the caller's own.
 */
export const decisionQuestionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'right'],
  // Exactly one way to name the person (the empty `properties` satisfy ajv's strictRequired).
  oneOf: [
    { required: ['subject'], properties: { subject: {} } },
    { required: ['email'], properties: { email: {} } },
  ],
  properties: {
    subject: text(255),
    email: text(254),
    organization: identifier,
    unit: uuid,
    service: text(100),
    right: text(100),
  },
} as const;
export type DecisionQuestion = FromSchema<typeof decisionQuestionSchema>;

export const allowReasons = ['membership', 'mandate'] as const;
export const refusalReasons = ['organization_unknown', 'organization_inactive', 'not_subscribed', 'unit_unknown', 'no_right'] as const;

export const decisionAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['allowed', 'reason'],
  properties: {
    allowed: { type: 'boolean' },
    reason: { enum: [...allowReasons, ...refusalReasons] },
    scope: { enum: ['organization', 'unit'], description: 'reason membership: the right is held on the whole organization, or on the unit asked about' },
    via: { ...identifier, description: 'reason mandate: the fiduciary whose mandate gives the right' },
  },
} as const;

/** What the endpoint answers; `reason` says why, also for a refusal. */
export type DecisionAnswer =
  | { readonly allowed: true; readonly reason: 'membership'; readonly scope: 'organization' | 'unit' }
  | { readonly allowed: true; readonly reason: 'mandate'; readonly via: string }
  | { readonly allowed: false; readonly reason: (typeof refusalReasons)[number] };

/**
 * POST /decisions/holders (issue 16 item 10, decision 0046): who may exercise `right` of the
 * caller's service, or of a service it declares it aggregates, for `organization` (or one of its
 * units) now: the people a letter needing action is announced to.
 */
export const holdersQuestionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'right'],
  properties: {
    organization: identifier,
    unit: uuid,
    service: text(100),
    right: text(100),
  },
} as const;
export type HoldersQuestion = FromSchema<typeof holdersQuestionSchema>;

export const holdersAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['holders'],
  properties: {
    holders: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'givenName', 'familyName'],
        properties: {
          email: { type: 'string' },
          givenName: { type: 'string' },
          familyName: { type: 'string' },
          via: { ...identifier, description: 'a delegate: the fiduciary whose mandate gives the right' },
        },
      },
    },
  },
} as const;
