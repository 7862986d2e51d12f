/**
 * The registry feed's rules (R6, R11), pure: a file's lines checked into registry entries, and what
 * an entry changes for the organization that bears its identifier.
 */
import { AppError, type Message } from '../errors.js';
import { detectIdentifierKind, parseIdentifier, type IdentifierKind } from '../organizations/identifiers.js';

/** One entry of the official registry, its identifiers normalized. */
export interface RegistryEntry {
  readonly identifier: string;
  readonly identifierKind: IdentifierKind;
  readonly name: string;
  readonly status: 'active' | 'closed';
  readonly successor: { readonly identifier: string; readonly kind: IdentifierKind } | null;
}

export interface RegistryRejection {
  readonly line: number;
  readonly field: string;
  readonly messages: Message;
}

/** The registry's words for a status, English or French. */
const statuses = { active: 'active', actif: 'active', closed: 'closed', radie: 'closed', radié: 'closed' } as const;

/**
 * Checks every line (identifier and successor with their check digits, name, status; one line per
 * identifier) and names each refused line and why. The file is applied only when none is refused.
 */
export function checkRegistryLines(lines: ReadonlyArray<{ line: number; value: unknown }>): {
  entries: Array<RegistryEntry & { line: number }>;
  rejected: RegistryRejection[];
} {
  const entries: Array<RegistryEntry & { line: number }> = [];
  const rejected: RegistryRejection[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of lines) {
    const checked = checkLine(line, value);
    if ('rejection' in checked) {
      rejected.push(checked.rejection);
      continue;
    }
    const first = seen.get(checked.entry.identifier);
    if (first !== undefined) {
      rejected.push(reject(line, 'identifier', `Identifiant déjà présent à la ligne ${first}.`, `Identifier already on line ${first}.`));
      continue;
    }
    seen.set(checked.entry.identifier, line);
    entries.push({ ...checked.entry, line });
  }
  return { entries, rejected };
}

function checkLine(line: number, raw: unknown): { entry: RegistryEntry } | { rejection: RegistryRejection } {
  const value = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const unknown = Object.keys(value).find((key) => !['identifier', 'kind', 'name', 'status', 'successor'].includes(key));
  if (unknown) return { rejection: reject(line, unknown, `Colonne inconnue : ${unknown}.`, `Unknown column: ${unknown}.`) };
  const identifier = identifierOf(line, value.identifier, value.kind, 'identifier');
  if ('rejection' in identifier) return identifier;
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (!name) return { rejection: reject(line, 'name', 'Raison sociale manquante.', 'Legal name missing.') };
  const status = (statuses as Partial<Record<string, RegistryEntry['status']>>)[(typeof value.status === 'string' ? value.status : '').trim().toLowerCase()];
  if (!status) return { rejection: reject(line, 'status', 'Statut attendu : active ou closed.', 'Status expected: active or closed.') };
  let successor: RegistryEntry['successor'] = null;
  if (typeof value.successor === 'string' && value.successor.trim() !== '') {
    const parsed = identifierOf(line, value.successor, undefined, 'successor');
    if ('rejection' in parsed) return parsed;
    if (parsed.identifier === identifier.identifier)
      return { rejection: reject(line, 'successor', "Le successeur est l'identifiant lui-même.", 'The successor is the identifier itself.') };
    successor = { identifier: parsed.identifier, kind: parsed.kind };
  }
  return { entry: { identifier: identifier.identifier, identifierKind: identifier.kind, name, status, successor } };
}

function identifierOf(
  line: number,
  raw: unknown,
  kindRaw: unknown,
  field: string,
): { identifier: string; kind: IdentifierKind } | { rejection: RegistryRejection } {
  const text = typeof raw === 'string' ? raw : '';
  const kind = (typeof kindRaw === 'string' && kindRaw.trim() !== '' ? kindRaw.trim() : detectIdentifierKind(text)) as IdentifierKind | undefined;
  if (!kind)
    return {
      rejection: reject(
        line,
        field,
        "Identifiant non reconnu : numéro d'affilié, IDE (CHE-123.456.789), SIRET ou SIREN.",
        'Identifier not recognized: affiliate number, UID (CHE-123.456.789), SIRET or SIREN.',
      ),
    };
  const parsed = parseIdentifier(kind, text);
  if (!parsed.ok) return { rejection: { line, field, messages: parsed.error.messages } };
  return { identifier: parsed.value.normalized, kind: parsed.value.kind };
}

/** What the registry asks of the organization bearing an entry's identifier. */
export type OrganizationAction =
  | { readonly type: 'rekey'; readonly identifier: string; readonly kind: IdentifierKind }
  | { readonly type: 'close' }
  | { readonly type: 'none'; readonly note?: 'closed_here_active_in_registry' };

/**
 * R11: a successor re-keys the organization (it goes on under the new identifier, keeping people,
 * rights and mandates); a closure without successor closes it (its accesses end); an active entry
 * never reopens an organization closed here (an operator decides), it is only reported.
 */
export function organizationAction(entry: RegistryEntry, organization: { readonly status: string } | undefined): OrganizationAction {
  if (!organization) return { type: 'none' };
  if (entry.successor) return { type: 'rekey', identifier: entry.successor.identifier, kind: entry.successor.kind };
  if (entry.status === 'closed' && organization.status !== 'closed') return { type: 'close' };
  if (entry.status === 'active' && organization.status === 'closed') return { type: 'none', note: 'closed_here_active_in_registry' };
  return { type: 'none' };
}

function reject(line: number, field: string, fr: string, en: string): RegistryRejection {
  return { line, field, messages: { fr, en } };
}

/** A refusal of the whole file, naming the line, for what only the database can tell (R6). */
export function lineRefusal(line: number, error: AppError): AppError {
  return new AppError(
    error.code,
    error.status,
    {
      fr: `Ligne ${line} : ${error.messages.fr} Rien n'a été importé.`,
      en: `Line ${line}: ${error.messages.en} Nothing was imported.`,
    },
    { field: error.field, cause: error },
  );
}
