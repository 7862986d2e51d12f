import { many, type Queryable } from '../db/query.js';
import type { UnitNode } from './schemas.js';

/** The organization's units as a tree (R8), each level sorted by name. */
export async function unitTree(db: Queryable, organizationId: string): Promise<UnitNode[]> {
  const rows = await many<Omit<UnitNode, 'units'>>(
    db,
    `SELECT id, kind, name, parent_unit_id AS "parentUnitId", identifier_kind AS "identifierKind", identifier
       FROM unit WHERE organization_id = $1 ORDER BY name, id`,
    [organizationId],
  );
  const nodes = new Map(rows.map((row) => [row.id, { ...row, units: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentUnitId === null ? undefined : nodes.get(node.parentUnitId);
    (parent ? parent.units : roots).push(node);
  }
  return roots;
}
