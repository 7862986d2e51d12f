/**
 * The API's refusals as one error class: problem+json (RFC 9457) with a stable `code`, French and
 * English messages and the field at fault, so a screen shows the message next to its field.
 */
export type Language = 'fr' | 'en';

/** French and English, as every refusal of the API carries them. */
export interface Messages {
  readonly fr: string;
  readonly en: string;
}

/** One problem of a 422 `input.invalid` (a JSON Schema refusal): its field and message. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly messages: Messages;
}

let currentLanguage: () => Language = () => 'fr';

/** Tells the errors which language `message` speaks (the console's locale, set by `i18n/`). */
export function useLanguage(language: () => Language): void {
  currentLanguage = language;
}

/** An API refusal, a network failure or an answer that is not the API's. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The schema's problems, one per field at fault. */
  readonly problems: readonly FieldProblem[];

  constructor(
    /** Stable code: `membership.last_manager`, `input.invalid`, `network`… */
    readonly code: string,
    readonly status: number,
    readonly messages: Messages,
    /** The field at fault, without the JSON pointer's leading slash (`role`, `identifier`). */
    readonly field?: string,
    { problems = [], cause }: { readonly problems?: readonly FieldProblem[]; readonly cause?: unknown } = {},
  ) {
    super(messages.fr, cause === undefined ? undefined : { cause });
    this.problems = problems;
    // `message` follows the console's language of the moment, also after a switch.
    Object.defineProperty(this, 'message', { get: () => this.messages[currentLanguage()], enumerable: false, configurable: true });
  }

  /** The message for `field`: its schema problem's (the more precise), else the error's own when it names that field. */
  messageFor(field: string): string | undefined {
    const problem = this.problems.find((p) => p.field === field);
    if (problem) return problem.messages[currentLanguage()];
    return this.field === field ? this.message : undefined;
  }
}

const networkMessages: Messages = {
  fr: 'Le service ne répond pas ; vérifiez votre connexion et réessayez.',
  en: 'The service does not answer; check your connection and try again.',
};

/** The error for a request that got no answer (offline, server down). Aborts are rethrown as is. */
export function networkError(cause: unknown): ApiError {
  return new ApiError('network', 0, networkMessages, undefined, { cause });
}

/** Turns a failed response into an ApiError, reading its problem+json body when it has one. */
export async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as ProblemBody | undefined;
  if (!body || typeof body.code !== 'string' || !isMessages(body.messages)) {
    return new ApiError(`http.${response.status}`, response.status, {
      fr: `Réponse inattendue du service (HTTP ${response.status}).`,
      en: `Unexpected answer from the service (HTTP ${response.status}).`,
    });
  }
  const problems = (body.errors ?? []).filter((p) => isMessages(p.messages)).map((p) => ({ field: fieldName(p.field), code: p.code, messages: p.messages }));
  return new ApiError(body.code, response.status, body.messages, body.field ? fieldName(body.field) : problems[0]?.field, { problems });
}

interface ProblemBody {
  code?: unknown;
  messages?: unknown;
  field?: string;
  errors?: Array<{ field: string; code: string; messages: Messages }>;
}

function isMessages(value: unknown): value is Messages {
  const m = value as Partial<Messages> | undefined;
  return typeof m?.fr === 'string' && typeof m.en === 'string';
}

/** `/role` and `role` name the same field; `/rights/0/serviceId` stays a path. */
function fieldName(field: string): string {
  return field.startsWith('/') ? field.slice(1) : field;
}
