/**
 * Rules of units (R8, R9, R6), pure: branches, antennas and establishments below an organization.
 */
import { oneOf, requiredText } from '../commands/checks.js';
import { notFound, type Decision } from '../commands/refusals.js';
import { AppError } from '../errors.js';
import { parseIdentifier, type IdentifierKind } from '../organizations/identifiers.js';
import { identifierRefusal } from '../organizations/rules.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { portal } from '../profile/profile.js';
import { refuse } from '../error-codes/refuse.js';

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
  return refuse('unit.name_reserved');
}

function checkUnitIdentifier(
  kind: UnitKind,
  identifierKind: IdentifierKind | undefined,
  raw: string | undefined,
): Decision<Pick<NewUnit, 'identifierKind' | 'identifier'>> {
  if (identifierKind === undefined && (raw === undefined || raw.trim() === '')) return { identifierKind: null, identifier: null };
  if (kind === 'antenna') {
    return refuse('unit.antenna_identifier');
  }
  if (identifierKind === undefined) return refuse('identifier.kind', { kind: 'missing' }, { field: 'identifierKind' });
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
  return refuse('unit.operator_only', { email, phone });
}
