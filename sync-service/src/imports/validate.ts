import type { Message } from '../errors.js';
import { detectIdentifierKind, parseIdentifier, type IdentifierKind } from '../organizations/identifiers.js';
import { validateImportLine, type ImportLine } from './schema.js';

/** A rejected line of an import file, with the field at fault and why, in French and English. */
export interface Rejection {
  readonly line: number;
  readonly field: string;
  readonly messages: Message;
}

/** A line that passed every check, its identifier normalized (R6) and its e-mail trimmed (R1). */
export interface CheckedLine extends ImportLine {
  readonly line: number;
  readonly identifierKind: IdentifierKind;
  readonly identifier: string;
  readonly normalizedEmail: string;
}

/** What the checks need to know of the database and the catalogue. */
export interface ImportContext {
  /** service id → its rights */
  readonly catalogue: ReadonlyMap<string, ReadonlySet<string>>;
  /** `kind|identifier` → services it subscribes to, for organizations that exist */
  readonly existing: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Checks every line (schema, identifier check digit, catalogue, subscriptions, consistency between
 * lines) and names each rejected line and why. Pure. The file is imported only when nothing is rejected.
 */
export function checkImport(
  lines: ReadonlyArray<{ line: number; value: unknown }>,
  context: ImportContext,
): { accepted: CheckedLine[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const shaped: CheckedLine[] = [];
  for (const { line, value } of lines) {
    const problems = checkLine(line, value);
    if ('rejections' in problems) rejected.push(...problems.rejections);
    else shaped.push(problems.checked);
  }
  rejected.push(...checkAcrossLines(shaped, context));
  const rejectedLines = new Set(rejected.map((r) => r.line));
  return { accepted: shaped.filter((l) => !rejectedLines.has(l.line)), rejected: rejected.sort((a, b) => a.line - b.line) };
}

function checkLine(line: number, raw: unknown): { checked: CheckedLine } | { rejections: Rejection[] } {
  const value = trimmed(raw);
  if (!validateImportLine(value)) {
    return {
      rejections: (validateImportLine.errors ?? []).map((error) => {
        const field =
          error.instancePath.split('/')[1] ||
          (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ||
          (error.params as { additionalProperty?: string }).additionalProperty ||
          '';
        return { line, field, messages: { fr: `Valeur refusée (${error.message ?? 'invalide'}).`, en: `Value refused (${error.message ?? 'invalid'}).` } };
      }),
    };
  }
  const kind = value.organization_kind ?? detectIdentifierKind(value.organization);
  if (!kind) {
    return {
      rejections: [
        {
          line,
          field: 'organization',
          messages: {
            fr: "Identifiant d'organisation non reconnu : donnez un numéro d'affilié, un IDE (CHE-123.456.789), un SIRET ou un SIREN.",
            en: 'Organization identifier not recognized: give an affiliate number, a UID (CHE-123.456.789), a SIRET or a SIREN.',
          },
        },
      ],
    };
  }
  const parsed = parseIdentifier(kind, value.organization);
  if (!parsed.ok) return { rejections: [{ line, field: 'organization', messages: parsed.error.messages }] };
  return { checked: { ...value, line, identifierKind: kind, identifier: parsed.value.normalized, normalizedEmail: value.email.trim().toLowerCase() } };
}

function checkAcrossLines(lines: readonly CheckedLine[], context: ImportContext): Rejection[] {
  const rejected: Rejection[] = [];
  const names = new Map<string, { name: string | undefined; type: string | undefined; line: number }>();
  const subscriptions = new Map<string, Set<string>>();
  const memberships = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.identifierKind}|${line.identifier}`;
    const first = names.get(key);
    if (!first) names.set(key, { name: line.organization_name, type: line.organization_type, line: line.line });
    else if (!first.name && line.organization_name) names.set(key, { ...first, name: line.organization_name, type: first.type ?? line.organization_type });
    else if (
      (line.organization_name && first.name && line.organization_name !== first.name) ||
      (line.organization_type && first.type && line.organization_type !== first.type)
    ) {
      rejected.push(
        reject(
          line.line,
          'organization_name',
          `Nom ou type différent de la ligne ${first.line} pour la même organisation.`,
          `Name or type differs from line ${first.line} for the same organization.`,
        ),
      );
    }
    const services = subscriptions.get(key) ?? new Set(context.existing.get(key) ?? []);
    for (const service of line.services ?? []) {
      if (!context.catalogue.has(service)) rejected.push(reject(line.line, 'services', `Service inconnu : ${service}.`, `Unknown service: ${service}.`));
      else services.add(service);
    }
    subscriptions.set(key, services);
    const membership = `${key}|${line.normalizedEmail}`;
    const seen = memberships.get(membership);
    if (seen !== undefined)
      rejected.push(
        reject(
          line.line,
          'email',
          `Cette personne figure déjà à la ligne ${seen} pour la même organisation.`,
          `This person is already on line ${seen} for the same organization.`,
        ),
      );
    else memberships.set(membership, line.line);
  }
  for (const line of lines) {
    const key = `${line.identifierKind}|${line.identifier}`;
    if (!context.existing.has(key) && !names.get(key)?.name) {
      rejected.push(
        reject(
          line.line,
          'organization_name',
          'Organisation nouvelle : indiquez sa raison sociale (organization_name).',
          'New organization: give its legal name (organization_name).',
        ),
      );
    }
    for (const right of line.rights ?? []) {
      const [service = '', rightId = ''] = right.split(':');
      if (!context.catalogue.get(service)?.has(rightId)) rejected.push(reject(line.line, 'rights', `Droit inconnu : ${right}.`, `Unknown right: ${right}.`));
      else if (!subscriptions.get(key)?.has(service))
        rejected.push(
          reject(line.line, 'rights', `L'organisation n'est pas abonnée au service ${service}.`, `The organization has not subscribed to ${service}.`),
        );
    }
  }
  return rejected;
}

/** Surrounding spaces never count (R1: e-mails and identifiers are compared trimmed). */
function trimmed(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
}

function reject(line: number, field: string, fr: string, en: string): Rejection {
  return { line, field, messages: { fr, en } };
}
