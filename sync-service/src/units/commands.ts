/**
 * Commands on units (R8, R9): each checks its rules, writes, audits and asks for its organization's
 * projection in one transaction (`runCommand`).
 */
import { defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import { maybeOne, one } from '../db/query.js';
import { findOrganization } from '../organizations/store.js';
import { checkNewUnit, checkUnitName, type AddUnit } from './rules.js';

export type { AddUnit, UnitKind } from './rules.js';

/** R8, R9: a branch, antenna or establishment, under the organization or one of its units. */
export const addUnit = defineCommand(async ({ tx, audit, project }, input: AddUnit): Promise<{ id: string }> => {
  if (!(await findOrganization(tx, input.organizationId))) throw notFound('organization', 'organizationId');
  const parent = input.parentUnitId
    ? await maybeOne<{ organizationId: string }>(tx, 'SELECT organization_id AS "organizationId" FROM unit WHERE id = $1', [input.parentUnitId])
    : undefined;
  const unit = enforce(checkNewUnit(input, parent));
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
  const unit = await maybeOne<{ organizationId: string; name: string }>(tx, 'SELECT organization_id AS "organizationId", name FROM unit WHERE id = $1 FOR UPDATE', [input.unitId]);
  if (!unit) throw notFound('unit', 'unitId');
  const name = enforce(checkUnitName(input.name));
  if (name === unit.name) return;
  await tx.query('UPDATE unit SET name = $2 WHERE id = $1', [input.unitId, name]);
  await audit({ organizationId: unit.organizationId, action: 'unit.renamed', subjectType: 'unit', subjectId: input.unitId, before: { name: unit.name }, after: { name } });
  project(unit.organizationId);
});
