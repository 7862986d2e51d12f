/**
 * Rules of mandates (R24–R27), pure: a client organization's delegation to a fiduciary, backed by
 * a signed power of attorney, handled by delegates of the fiduciary.
 */
import { checkDate, checkPeriod, requiredText } from '../commands/checks.js';
import { firstRefusal, notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

export type MandateStatus = 'requested' | 'active' | 'rejected' | 'ended';

export interface MandateState {
  readonly id: string;
  readonly fiduciaryId: string;
  /** Null while a request names a client the registry lists but the platform does not have yet (R24, R11). */
  readonly clientId: string | null;
  readonly status: MandateStatus;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

export interface RequestMandate {
  readonly fiduciaryId: string;
  readonly clientId: string;
  /** Where the signed power of attorney is stored, and its SHA-256 (hex): no document, no request. */
  readonly powerOfAttorneyRef: string;
  readonly powerOfAttorneySha256: string;
  readonly validFrom?: string | null;
  readonly validUntil?: string | null;
}

export interface MandateRequest {
  readonly powerOfAttorneyRef: string;
  readonly powerOfAttorneySha256: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

export interface DecideMandate {
  readonly mandateId: string;
  readonly decision: 'active' | 'rejected';
  /** Required for a rejection: the fiduciary is told why. */
  readonly reason?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
export const isOpen = (mandate: Pick<MandateState, 'status'>): boolean => mandate.status === 'requested' || mandate.status === 'active';

/**
 * R24: a request of `fiduciary` (an organization of type fiduciary) on another organization, with
 * its power of attorney; `openMandate`: one is already requested or active between the two.
 */
export function checkMandateRequest(
  input: RequestMandate,
  fiduciary: { type: string } | undefined,
  clientExists: boolean,
  openMandate: boolean,
): Decision<MandateRequest> {
  if (!fiduciary) return notFound('organization', 'fiduciaryId');
  if (fiduciary.type !== 'fiduciary') {
    return refuse('mandate.not_fiduciary');
  }
  if (input.clientId === input.fiduciaryId) {
    return refuse('mandate.same_organization');
  }
  if (!clientExists) return notFound('organization', 'clientId');
  const document = checkPowerOfAttorney(input);
  if (document instanceof AppError) return document;
  const validFrom = input.validFrom ?? null;
  const validUntil = input.validUntil ?? null;
  const dates = firstRefusal(
    validFrom === null ? undefined : checkDate(validFrom, 'validFrom'),
    validUntil === null ? undefined : checkDate(validUntil, 'validUntil'),
    checkPeriod(validFrom, validUntil, 'validUntil'),
  );
  if (dates) return dates;
  if (openMandate) {
    return refuse('mandate.exists', { field: 'clientId' });
  }
  return { ...document, validFrom, validUntil };
}

/** R24, R31: the operator activates a requested mandate (from today unless dated) or rejects it, saying why. */
export function checkDecision(
  mandate: MandateState,
  input: DecideMandate,
  today: string,
): Decision<Pick<MandateState, 'status' | 'validFrom'> & { reason: string | null }> {
  // For callers that skip the API's schema (the CLI, scripts): the type alone does not hold them.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (input.decision !== 'active' && input.decision !== 'rejected') {
    return refuse('mandate.decision');
  }
  if (mandate.status !== 'requested') {
    return refuse('mandate.not_requested');
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'rejected' && !reason) {
    return refuse('mandate.reason_required');
  }
  const validFrom = input.decision === 'active' ? (mandate.validFrom ?? today) : mandate.validFrom;
  const lapsed = input.decision === 'active' ? checkPeriod(validFrom, mandate.validUntil, 'decision') : undefined;
  return lapsed ?? { status: input.decision, validFrom, reason };
}

/** R27: either side ends an open mandate; an organization that is neither does not see it. */
export function checkEnd(mandate: MandateState, organizationId: string): AppError | undefined {
  if (organizationId !== mandate.fiduciaryId && organizationId !== mandate.clientId) return notFound('mandate', 'mandateId');
  return checkOpen(mandate);
}

/** R27: only a requested or active mandate changes; a rejected or ended one is history. */
export function checkOpen(mandate: Pick<MandateState, 'status'>): AppError | undefined {
  return isOpen(mandate) ? undefined : notOpen();
}

/** R25, R26: a delegate is a member of the fiduciary, on an open mandate, assigned once. */
export function checkDelegate(mandate: MandateState, membership: { organizationId: string } | undefined, assigned: boolean): AppError | undefined {
  if (!isOpen(mandate)) return notOpen();
  if (membership?.organizationId !== mandate.fiduciaryId) {
    return refuse('mandate.delegate_not_fiduciary');
  }
  if (!assigned) return undefined;
  return refuse('mandate.delegate_exists');
}

/**
 * R25: only a delegate of the mandate is taken off it (else 404, as for an id of another
 * organization), and only while the mandate is open: a rejected or ended one keeps who handled it.
 */
export function checkRemoveDelegate(mandate: Pick<MandateState, 'status'>, assigned: boolean): AppError | undefined {
  if (!assigned) return notFound('delegate', 'membershipId');
  return checkOpen(mandate);
}

function checkPowerOfAttorney(input: RequestMandate): Decision<Pick<MandateRequest, 'powerOfAttorneyRef' | 'powerOfAttorneySha256'>> {
  const ref = requiredText(input.powerOfAttorneyRef, 'powerOfAttorneyRef', 'input.required');
  const sha256 = typeof input.powerOfAttorneySha256 === 'string' ? input.powerOfAttorneySha256.trim().toLowerCase() : '';
  if (!(ref instanceof AppError) && SHA256.test(sha256)) return { powerOfAttorneyRef: ref, powerOfAttorneySha256: sha256 };
  return refuse(
    'mandate.power_of_attorney_required',
    { missing: 'reference' },
    { field: ref instanceof AppError ? 'powerOfAttorneyRef' : 'powerOfAttorneySha256' },
  );
}

function notOpen(): AppError {
  return refuse('mandate.not_open');
}

/**
 * Issue 16 item 7 (fer-ge): a delegate's rights stay within the services the mandate covers
 * (`covered`; null: every service of the client); the refusal names the right at fault.
 */
export function checkWithinMandate(
  rights: ReadonlyArray<{ readonly serviceId: string; readonly rightId: string }>,
  covered: readonly string[] | null,
): AppError | undefined {
  if (covered === null) return undefined;
  const outside = rights.findIndex((right) => !covered.includes(right.serviceId));
  if (outside < 0) return undefined;
  return refuse('mandate.service_not_covered', { service: rights[outside]!.serviceId, covered }, { field: `rights/${outside}` });
}
