import { AppError } from '../errors.js';

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

const conflict = (code: string, fr: string, en: string, field: string) => () => new AppError(code, 409, { fr, en }, { field });
const unknown = (code: string, fr: string, en: string, field: string) => () => new AppError(code, 422, { fr, en }, { field });

/** 23505 (unique) and 23503 (foreign key) violations, by the constraint's name in the migrations. */
const identifierTaken = conflict('organization.identifier_taken',
  'Une organisation porte déjà cet identifiant ; demandez l\'accès à ses gestionnaires plutôt que de la créer une seconde fois.',
  'An organization already has this identifier; ask its managers for access rather than creating it twice.', 'identifier');

const byConstraint: Record<string, () => AppError> = {
  organization_identifier_kind_identifier_key: identifierTaken,
  organization_identifier: identifierTaken, // across kinds (migration 0004)
  unit_identifier: conflict('unit.identifier_taken',
    'Une unité porte déjà cet identifiant.', 'A unit already has this identifier.', 'identifier'),
  membership_person_id_organization_id_key: conflict('membership.exists',
    'Cette personne est déjà membre de l\'organisation : modifiez son rôle ou ses droits.',
    'This person is already a member of the organization: change their role or rights instead.', 'email'),
  person_email_normalized_key: conflict('email.taken',
    'Cette adresse e-mail est déjà celle d\'un autre compte ; une adresse ne sert qu\'à un compte.',
    'This e-mail address already belongs to another account; one address serves one account only.', 'email'),
  subscription_pkey: conflict('subscription.exists',
    'L\'organisation est déjà abonnée à ce service.', 'The organization already subscribes to this service.', 'serviceId'),
  mandate_open: conflict('mandate.exists',
    'Un mandat est déjà demandé ou actif entre cette fiduciaire et ce client.',
    'A mandate is already requested or active between this fiduciary and this client.', 'clientId'),
  mandate_delegate_pkey: conflict('mandate.delegate_exists',
    'Cette personne gère déjà ce mandat.', 'This person already handles this mandate.', 'membershipId'),
  membership_right_service_id_right_id_fkey: unknown('right.unknown',
    'Droit inconnu du catalogue des services.', 'Right unknown to the service catalogue.', 'rights'),
  mandate_delegate_right_service_id_right_id_fkey: unknown('right.unknown',
    'Droit inconnu du catalogue des services.', 'Right unknown to the service catalogue.', 'rights'),
  subscription_service_id_fkey: unknown('service.not_found',
    'Service inconnu du catalogue.', 'Service unknown to the catalogue.', 'serviceId'),
};

/** What is left, by SQLSTATE: never a 500 for a value the caller sent. */
const byCode: Record<string, () => AppError> = {
  '23505': () => new AppError('conflict', 409, { fr: 'Cet élément existe déjà.', en: 'This already exists.' }),
  '23503': () => new AppError('reference.not_found', 422, { fr: 'Un élément référencé n\'existe pas (ou plus).', en: 'A referenced item does not exist (any more).' }),
  '23514': () => new AppError('input.invalid', 422, { fr: 'Valeur refusée par le modèle.', en: 'Value refused by the model.' }),
  '22P02': () => new AppError('input.malformed', 422, { fr: 'Valeur mal formée (identifiant, nombre ?).', en: 'Malformed value (id, number?).' }),
  '22007': () => new AppError('input.date', 422, { fr: 'Date mal formée : AAAA-MM-JJ.', en: 'Malformed date: YYYY-MM-DD.' }),
  '22008': () => new AppError('input.date', 422, { fr: 'Date hors limites.', en: 'Date out of range.' }),
};
