import { accessErrors } from './access.js';
import { auditErrors } from './audit.js';
import type { Said } from './entry.js';
import { identifierErrors } from './identifiers.js';
import { invitationsErrors } from './invitations.js';
import { mandatesErrors } from './mandates.js';
import { organizationsErrors } from './organizations.js';
import { peopleErrors } from './people.js';
import { platformErrors } from './platform.js';

/**
 * Issue 20 item 5: every error code of the API, with its HTTP status, its French and English
 * messages and the field at fault when it is always the same. Commands and routes name a code
 * (`refuse('membership.last_manager')`) and never write a message; a code that is not here does not
 * compile. Split by capability so that each part stays readable; `catalogue.test.ts` checks that no
 * code is in two parts, that every code is used, and that every route documents the statuses of the
 * codes it can answer.
 */
export const catalogue = {
  ...accessErrors,
  ...platformErrors,
  ...organizationsErrors,
  ...identifierErrors,
  ...peopleErrors,
  ...invitationsErrors,
  ...mandatesErrors,
  ...auditErrors,
} as const;

/** The codes the API answers with: the catalogue's keys. */
export type ErrorCode = keyof typeof catalogue;

/** The parameters a code's messages take, `never` when its messages are fixed. */
export type ParamsOf<C extends ErrorCode> = (typeof catalogue)[C] extends { readonly says: (params: infer P) => Said } ? P : never;

/** The codes whose messages are fixed (no parameters). */
export type FixedCode = { [C in ErrorCode]: [ParamsOf<C>] extends [never] ? C : never }[ErrorCode];

/** The codes whose messages take exactly the parameters `P`. */
export type CodeTaking<P> = {
  [C in ErrorCode]: [ParamsOf<C>] extends [never] ? never : [P] extends [ParamsOf<C>] ? ([ParamsOf<C>] extends [P] ? C : never) : never;
}[ErrorCode];

/** Every code of the catalogue, in its order (for the OpenAPI document and the tests). */
export const errorCodes = Object.keys(catalogue) as ErrorCode[];

/** A code's status, messages (with its parameters) and fixed field. */
export function entryOf<C extends ErrorCode>(
  code: C,
  params?: ParamsOf<C>,
): { readonly status: number; readonly messages: Said; readonly field: string | undefined } {
  const entry: { readonly status: number; readonly field?: string; readonly fr?: string; readonly en?: string; readonly says?: (params: never) => Said } =
    catalogue[code];
  const messages = entry.says ? entry.says(params as never) : { fr: entry.fr ?? '', en: entry.en ?? '' };
  return { status: entry.status, messages, field: entry.field };
}
