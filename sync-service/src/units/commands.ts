/**
 * Commands on units (R8, R9): each checks its rules, writes, audits and asks for its organization's
 * projection in one transaction (`runCommand`).
 */
import { actsForPlatform, defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { maybeOne, one, type Queryable } from '../db/query.js';
import { lockOrganization } from '../organizations/store.js';
import { checkNewUnit, checkUnitsByManagers, checkUnitName, type AddUnit } from './rules.js';
import { refuse } from '../error-codes/refuse.js';

export type { AddUnit, UnitKind } from './rules.js';

/** R8, R9: a branch, antenna or establishment, under the organization or one of its units. */
export const addUnit = defineCommand(async ({ tx, actor, audit, project }, input: AddUnit): Promise<{ id: string }> => {
  // The organization's lock: two units of one name asked at once are told apart.
  const organization = await lockOrganization(tx, input.organizationId);
  if (!organization) throw notFound('organization', 'organizationId');
  enforce(checkUnitsByManagers(organization.type, actsForPlatform(actor)));
  const parent = input.parentUnitId
    ? await maybeOne<{ organizationId: string }>(tx, 'SELECT organization_id AS "organizationId" FROM unit WHERE id = $1', [input.parentUnitId])
    : undefined;
  const unit = enforce(checkNewUnit(input, parent));
  await refuseSiblingName(tx, input.organizationId, unit.parentUnitId, unit.name);
  const { id } = await one<{ id: string }>(
    tx,
    'INSERT INTO unit (organization_id, parent_unit_id, kind, name, identifier_kind, identifier) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [input.organizationId, unit.parentUnitId, unit.kind, unit.name, unit.identifierKind, unit.identifier],
  );
  await audit({ organizationId: input.organizationId, action: 'unit.added', subjectType: 'unit', subjectId: id, before: null, after: unit });
  project(input.organizationId);
  return { id };
});

/** R8: a unit's new name (its group in Keycloak is renamed, found again by its id). */
export const renameUnit = defineCommand(async ({ tx, audit, project }, input: { readonly unitId: string; readonly name: string }): Promise<void> => {
  const located = await maybeOne<{ organizationId: string }>(tx, 'SELECT organization_id AS "organizationId" FROM unit WHERE id = $1', [input.unitId]);
  if (located) await lockOrganization(tx, located.organizationId);
  const unit = await maybeOne<{ organizationId: string; name: string; parentUnitId: string | null }>(
    tx,
    'SELECT organization_id AS "organizationId", name, parent_unit_id AS "parentUnitId" FROM unit WHERE id = $1 FOR UPDATE',
    [input.unitId],
  );
  if (!unit) throw notFound('unit', 'unitId');
  const name = enforce(checkUnitName(input.name));
  if (name === unit.name) return;
  await refuseSiblingName(tx, unit.organizationId, unit.parentUnitId, name, input.unitId);
  await tx.query('UPDATE unit SET name = $2 WHERE id = $1', [input.unitId, name]);
  await audit({
    organizationId: unit.organizationId,
    action: 'unit.renamed',
    subjectType: 'unit',
    subjectId: input.unitId,
    before: { name: unit.name },
    after: { name },
  });
  project(unit.organizationId);
});

/**
 * R8: a unit's group in Keycloak is named after it, under its parent's group, and Keycloak keeps
 * sibling names unique: two units of one name under one parent could not both be projected (the
 * second would stop the organization's projection). Compared without case or surrounding blanks.
 */
async function refuseSiblingName(tx: Queryable, organizationId: string, parentUnitId: string | null, name: string, except?: string): Promise<void> {
  const { rowCount } = await tx.query(
    `SELECT 1 FROM unit WHERE organization_id = $1 AND parent_unit_id IS NOT DISTINCT FROM $2::uuid AND lower(btrim(name)) = lower(btrim($3)) AND id IS DISTINCT FROM $4::uuid`,
    [organizationId, parentUnitId, name, except ?? null],
  );
  if (rowCount) {
    throw refuse('unit.name_taken', { name });
  }
}
