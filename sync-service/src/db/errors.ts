import { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

/**
 * PostgreSQL's refusals turned into the application's typed errors, in this ONE place: the rules
 * check first, and the constraints catch what only concurrency lets through (two requests for one
 * identifier, one e-mail, one mandate at the same time). Anything else passes unchanged.
 *
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function databaseError(error: unknown): unknown {
  if (error instanceof AppError || !isPostgresError(error)) return error;
  const known = byConstraint[error.constraint ?? '']?.();
  if (known) return withCause(known, error);
  const generic = byCode[error.code]?.();
  return generic ? withCause(generic, error) : error;
}

interface PostgresError {
  readonly code: string;
  readonly constraint?: string;
}

function isPostgresError(error: unknown): error is PostgresError {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function withCause(error: AppError, cause: unknown): AppError {
  return new AppError(error.code, error.status, error.messages, { field: error.field, cause });
}

/** 23505 (unique) and 23503 (foreign key) violations, by the constraint's name in the migrations. */
const identifierTaken = () => refuse('organization.identifier_taken', { held: 'same_kind' });
const rightUnknown = () => refuse('right.unknown', { right: undefined });

const byConstraint: Record<string, () => AppError> = {
  organization_identifier_kind_identifier_key: identifierTaken,
  organization_identifier: identifierTaken, // across kinds (migration 0004)
  unit_identifier: () => refuse('unit.identifier_taken'),
  membership_person_id_organization_id_key: () => refuse('membership.exists'),
  person_email_normalized_key: () => refuse('email.taken'),
  subscription_pkey: () => refuse('subscription.exists'),
  mandate_open: () => refuse('mandate.exists', { field: 'clientId' }),
  mandate_delegate_pkey: () => refuse('mandate.delegate_exists'),
  membership_right_service_id_right_id_fkey: rightUnknown,
  mandate_delegate_right_service_id_right_id_fkey: rightUnknown,
  subscription_service_id_fkey: () => refuse('service.not_found', { field: 'serviceId' }),
};

/** What is left, by SQLSTATE: never a 500 for a value the caller sent. */
const byCode: Record<string, () => AppError> = {
  '23505': () => refuse('conflict'),
  '23503': () => refuse('reference.not_found'),
  '23514': () => refuse('input.invalid', { by: 'model' }),
  '22P02': () => refuse('input.malformed'),
  '22007': () => refuse('input.date', { problem: 'malformed' }),
  '22008': () => refuse('input.date', { problem: 'out_of_range' }),
};

/** Node's socket errors for a server that is not there, not reachable, or that cut the connection. */
const unreachableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01-57P03
 * (shut down by the administrator, crashed, starting up or shutting down) and 53300 (too many connections).
 */
const unavailableSqlStates = /^(08...|57P0[123]|53300)$/;

/** pg's own messages for a connection lost or never made (they carry no code). */
const lostConnectionMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Query read timeout)/;

/**
 * Issue 15 item 3: whether `error` says that PostgreSQL could not be reached or was lost during the
 * work (refused, reset, timed out, restarting), which the API answers with 503
 * `database.unavailable`: the request may be retried, and nothing the caller sent was wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof AppError) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && (unreachableSocketCodes.has(code) || unavailableSqlStates.test(code))) return true;
  if (lostConnectionMessages.test(error.message)) return true;
  // AggregateError: every address of a host name refused (`localhost`: ::1, then 127.0.0.1).
  return error instanceof AggregateError && error.errors.length > 0 && error.errors.every(isDatabaseUnavailable);
}

/** The answer to a request when PostgreSQL is unavailable. */
export function databaseUnavailable(cause: unknown): AppError {
  return refuse('database.unavailable', { cause });
}
