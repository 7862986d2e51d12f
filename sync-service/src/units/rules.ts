/**
 * Rules of units (R8, R9, R6), pure: branches, antennas and establishments below an organization.
 */
import { oneOf, requiredText } from '../commands/checks.js';
import { forbiddenBy, invalid, notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { parseIdentifier, type IdentifierKind } from '../organizations/identifiers.js';
import { identifierRefusal, type OrganizationType } from '../organizations/rules.js';
import { portal } from '../profile/profile.js';

export const unitKinds = ['branch', 'antenna', 'establishment'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface AddUnit {
  readonly organizationId: string;
  readonly kind: UnitKind;
  readonly name: string;
  /** Nested units (R8): the parent, a unit of the same organization. */
  readonly parentUnitId?: string | null;
  /** A branch's own identifier (R9), e.g. its affiliate number; an antenna has none. */
  readonly identifierKind?: IdentifierKind;
  readonly identifier?: string;
}

export interface NewUnit {
  readonly kind: UnitKind;
  readonly name: string;
  readonly parentUnitId: string | null;
  readonly identifierKind: IdentifierKind | null;
  readonly identifier: string | null;
}

// The projection names its own groups `grant:…`-like (`employer-inbox:read`, `role:member`,
// `mandate:CHE…`) beside the units' groups: a unit named so would be mistaken for one of them.
const PROJECTION_NAME = /^[a-z0-9-]+:/;

/**
 * R8, R9, R6: the unit to write. `parent` is the parent unit as found, if one was named: a unit of
 * another organization is answered as not found.
 */
export function checkNewUnit(input: AddUnit, parent: { organizationId: string } | undefined): Decision<NewUnit> {
  const kind = oneOf(unitKinds, input.kind, 'kind', 'unit.kind');
  if (kind instanceof AppError) return kind;
  const name = checkUnitName(input.name);
  if (name instanceof AppError) return name;
  const parentUnitId = input.parentUnitId ?? null;
  if (parentUnitId !== null && parent?.organizationId !== input.organizationId) return notFound('unit', 'parentUnitId');
  const identifier = checkUnitIdentifier(kind, input.identifierKind, input.identifier);
  if (identifier instanceof AppError) return identifier;
  return { kind, name, parentUnitId, ...identifier };
}

/** A unit's name: required, and not shaped like a name of the projection's groups. */
export function checkUnitName(raw: unknown): Decision<string> {
  const name = requiredText(raw, 'name', 'unit.name_required');
  if (name instanceof AppError || !PROJECTION_NAME.test(name)) return name;
  return invalid('unit.name_reserved', 'name', {
    fr: 'Ce nom commence comme un nom réservé (« mot: ») ; ajoutez un espace ou une majuscule, par exemple « Site : Lyon ».',
    en: 'This name starts like a reserved name ("word:"); add a space or a capital letter, for example "Site : Lyon".',
  });
}

function checkUnitIdentifier(kind: UnitKind, identifierKind: IdentifierKind | undefined, raw: string | undefined): Decision<Pick<NewUnit, 'identifierKind' | 'identifier'>> {
  if (identifierKind === undefined && (raw === undefined || raw.trim() === '')) return { identifierKind: null, identifier: null };
  if (kind === 'antenna') {
    return invalid('unit.antenna_identifier', 'identifier', {
      fr: "Une antenne partage l'identifiant (SIRET) de son organisation et n'en a pas en propre.",
      en: "An antenna shares its organization's identifier (SIRET) and has none of its own.",
    });
  }
  if (identifierKind === undefined) return invalid('identifier.kind', 'identifierKind', { fr: "Précisez le type d'identifiant.", en: 'Give the identifier kind.' });
  const parsed = parseIdentifier(identifierKind, raw ?? '');
  if (!parsed.ok) return identifierRefusal(parsed.error);
  return { identifierKind: parsed.value.kind, identifier: parsed.value.normalized };
}

/**
 * R9 (emplois-inclusion: prescribers' antennas), issue 17: the types of organization whose units
 * only the operator's staff create (`units.byOperatorFor`); undefined for the platform, or a type
 * whose managers add their own.
 */
export function checkUnitsByManagers(type: OrganizationType, platform: boolean): AppError | undefined {
  if (platform || !portal().units.byOperatorFor.includes(type)) return undefined;
  const { email, phone } = portal().support;
  return forbiddenBy('unit.operator_only', 'orgId', {
    fr: `Sur ce portail, les antennes et établissements de votre organisation sont créés par le support : écrivez-lui à ${email} ou appelez le ${phone}.`,
    en: `On this portal, your organization's antennas and establishments are created by the support desk: write to ${email} or call ${phone}.`,
  });
}
