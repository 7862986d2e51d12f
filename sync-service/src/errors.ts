import { entryOf, type ErrorCode } from './error-codes/catalogue.js';

/** A message in the product's two languages, French first. */
export interface Message {
  readonly fr: string;
  readonly en: string;
}

/**
 * The one error type of the sync-service: a stable `code` callers switch on, the HTTP status the
 * API answers with, a French and an English message, and the field at fault when there is one.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messages: Message;
  readonly field: string | undefined;

  constructor(code: ErrorCode, status: number, messages: Message, options: { field?: string | undefined; cause?: unknown } = {}) {
    super(messages.en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.messages = messages;
    this.field = options.field === undefined ? undefined : fieldPointer(options.field);
  }
}

/**
 * Issue 16 item 11: every field at fault is a JSON Pointer (RFC 6901) into the input, as the schema
 * refusals give it (`/email`, `/documents/0/content`); commands name it bare (`email`,
 * `documents/0`) or dotted (`representative.email`), and get the same pointer.
 */
export function fieldPointer(field: string): string {
  return field.startsWith('/') ? field : `/${field.replaceAll('.', '/')}`;
}

/** Keycloak answered that the object does not exist (404). */
export class KeycloakNotFound extends AppError {
  constructor(what: string, cause?: unknown) {
    super('keycloak.not_found', 404, entryOf('keycloak.not_found', { what }).messages, { cause });
  }
}

/** Keycloak answered that the object exists already (409): re-read it rather than fail. */
export class KeycloakConflict extends AppError {
  constructor(what: string, cause?: unknown) {
    super('keycloak.exists', 409, entryOf('keycloak.exists', { what }).messages, { cause });
  }
}

/** Keycloak failed or did not answer (5xx, time-out, network): the work is retried later. */
export class KeycloakUnavailable extends AppError {
  constructor(what: string, cause?: unknown) {
    super('keycloak.unavailable', 503, entryOf('keycloak.unavailable', { what }).messages, { cause });
  }
}

/** The provider JAR does not serve this endpoint (`adapters/keycloak/provider.ts` decides, from its `info`): use the admin API. */
export class ProviderMissing extends KeycloakNotFound {
  constructor(endpoint: string) {
    super(`the procura ${endpoint} endpoint (provider JAR not installed?)`);
  }
}

/** A group, user or role that a batch of changes names was deleted since it was read: nothing of the batch was applied. */
export class ProjectionChangedMeanwhile extends AppError {
  constructor(detail: string) {
    super('keycloak.changed_meanwhile', 409, entryOf('keycloak.changed_meanwhile', { detail }).messages);
  }
}
