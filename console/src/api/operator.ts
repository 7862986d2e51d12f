/**
 * The operator's back office (R31) as the console reads it: the queue, each kind's pending requests,
 * the decisions and the filed documents (docs/api.md, « The operator's back office »).
 */
import { call, download, segment } from './client.js';
import type { Answer } from './types.js';

type Signal = AbortSignal | undefined;

/** The three kinds of requests, named as the API's paths name them. */
export const requestKinds = ['sign-ups', 'mandates', 'recoveries'] as const;
export type RequestKind = (typeof requestKinds)[number];
const kindOfQueue = { sign_up: 'sign-ups', mandate: 'mandates', recovery: 'recoveries' } as const;

type Queue = Answer<'getOperatorQueue'>;
/** An item of the queue, its kind named as the paths name it. */
export type QueueItem = Omit<Queue['items'][number], 'kind'> & { readonly kind: RequestKind };

export interface Named {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly function?: string;
}
export type PendingSignUp = Answer<'listPendingSignUps'>['items'][number];
export type PendingMandate = Answer<'listPendingMandates'>['items'][number];
export type PendingRecovery = Answer<'listPendingRecoveries'>['items'][number];
export type Party = PendingMandate['fiduciary'];
export type FiledDocument = PendingMandate['powerOfAttorney'] | PendingRecovery['documents'][number];
/** R30: a current manager of the organization a recovery would replace (active, unexpired), by membership. */
export type CurrentManager = PendingRecovery['managers'][number];

/** A pending request with its kind, so a screen can tell which fields it has. */
export type PendingRequest =
  | { readonly kind: 'sign-ups'; readonly request: PendingSignUp }
  | { readonly kind: 'mandates'; readonly request: PendingMandate }
  | { readonly kind: 'recoveries'; readonly request: PendingRecovery };

/** R31: sign-ups, mandates and recoveries awaiting a decision; overdue first, then by deadline (the API's order). */
export async function getOperatorQueue(signal?: Signal): Promise<{ items: QueueItem[]; overdue: number }> {
  const queue = await call<Queue>({ path: '/operator/queue', signal });
  return { overdue: queue.overdue, items: queue.items.map((item) => ({ ...item, kind: kindOfQueue[item.kind] })) };
}

/** One pending request, read from its kind's list (the API has no single-item route); undefined once decided. */
export async function getPendingRequest(kind: RequestKind, id: string, signal?: Signal): Promise<PendingRequest | undefined> {
  const { items } = await call<{ items: Array<{ id: string }> }>({ path: `/operator/${kind}`, signal });
  const request = items.find((item) => item.id === id);
  return request ? ({ kind, request } as PendingRequest) : undefined;
}

/** R10, R24: validate. */
export const validateRequest = (kind: Exclude<RequestKind, 'recoveries'>, id: string) =>
  call<unknown>({ method: 'POST', path: `/operator/${kind}/${segment(id)}/validate`, body: {} });

/**
 * R30, R14 (decision 0042): appoint the requester, retiring in the same step the current managers
 * named by membership (the departed ones); a refusal names the item at fault (`retire/<n>`).
 */
export const appointFromRecovery = (id: string, retire: readonly string[]) =>
  call<{ membershipId: string; invitationId: string | null; retired: string[] }>({
    method: 'POST',
    path: `/operator/recoveries/${segment(id)}/appoint`,
    body: { retire },
  });

/** R10, R24, R30: reject, saying why (required; e-mailed to the requester). */
export const rejectRequest = (kind: RequestKind, id: string, reason: string) =>
  call<undefined>({ method: 'POST', path: `/operator/${kind}/${segment(id)}/reject`, body: { reason } });

/** A filed document (power of attorney, supporting papers), as the service sends it: an attachment of its detected type. */
export const readDocument = (documentId: string): Promise<Blob> => download({ path: `/operator/documents/${segment(documentId)}/file` });
